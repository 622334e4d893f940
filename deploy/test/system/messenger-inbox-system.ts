import {
  buildMessagingApp,
  createCollaborationGroupStore,
  createConversationListener,
  createConversationStore,
  createLiveConversations,
  createPrismaClient as messagingDb,
  createSupportStore,
} from '@campaign/messaging-service';
import {
  buildNotificationsApp,
  createInboxListener,
  createInboxStore,
  createPreferenceStore,
  createPrismaClient as notificationsDb,
  createNewsletterEditions,
  createNewsletterSubscriptions,
  createUnsubscribeLinks,
} from '@campaign/notifications-service';
import {
  createKafka,
  createLogger,
  createPrismaIdempotencyStore,
  deadLetterDesk,
  kafkaProbe,
} from '@campaign/service-runtime';
import { TEST_AUTH_SECRET, testEnvironment } from '@campaign/testing';

/**
 * The messaging and notifications APIs as their `main.ts` wires them, on this run's engines.
 * Their Kafka consumers and the message relay are the test's to start: tests differ in which.
 */
export function buildMessengerAndInbox(
  name: string,
  options: {
    /** A notifications database of the test's own (its mail outbox seen by its sender only). */
    notificationsDatabaseUrl?: string;
    /** The consumer groups whose parked events each app's ops routes answer for (none: 503). */
    deadLetterGroups?: { messaging?: string[]; notifications?: string[] };
  } = {},
) {
  const groupsOf = (service: 'messaging' | 'notifications') => {
    const groups = options.deadLetterGroups?.[service];
    return groups ? { deadLetters: deadLetterDesk(kafka, groups) } : {};
  };
  const env = testEnvironment();
  const notificationsUrl = options.notificationsDatabaseUrl ?? env.databaseUrls.notifications;
  const logger = createLogger(name, 'silent');
  const kafka = createKafka(name, env.kafkaBrokers, logger);
  const probe = kafkaProbe(kafka);
  const messaging = messagingDb(env.databaseUrls.messaging);
  const notifications = notificationsDb(notificationsUrl);
  const conversations = createConversationStore(messaging);
  const groups = createCollaborationGroupStore(messaging);
  const support = createSupportStore(messaging);
  const inbox = createInboxStore(notifications);
  const newsletter = createNewsletterEditions(notifications, { settleMs: 1_000 });
  const unsubscribeLinks = createUnsubscribeLinks({
    authSecret: TEST_AUTH_SECRET,
    publicUrl: 'http://127.0.0.1:3003',
  });
  const preferences = createPreferenceStore(notifications);
  // Each app's one listening connection, as main.ts starts it: live streams wait on it.
  const conversationListener = createConversationListener(env.databaseUrls.messaging, logger);
  const inboxListener = createInboxListener(notificationsUrl, logger);
  conversationListener.start();
  inboxListener.start();
  return {
    logger,
    kafka,
    messaging,
    notifications,
    conversations,
    groups,
    support,
    inbox,
    newsletter,
    unsubscribeLinks,
    preferences,
    conversationListener,
    inboxListener,
    messagingApp: buildMessagingApp({
      logger,
      authSecret: TEST_AUTH_SECRET,
      conversations,
      groups,
      support,
      liveConversations: createLiveConversations(messaging),
      live: conversationListener,
      idempotencyStore: createPrismaIdempotencyStore(messaging.idempotencyKey),
      ...groupsOf('messaging'),
      readiness: [
        { name: 'database', check: () => conversations.ping() },
        { name: 'kafka', check: probe.check },
      ],
    }),
    notificationsApp: buildNotificationsApp({
      logger,
      authSecret: TEST_AUTH_SECRET,
      inbox,
      newsletter: {
        subscriptions: createNewsletterSubscriptions(notifications),
        links: unsubscribeLinks,
      },
      preferences,
      live: inboxListener,
      idempotencyStore: createPrismaIdempotencyStore(notifications.idempotencyKey),
      ...groupsOf('notifications'),
      readiness: [
        { name: 'database', check: () => inbox.ping() },
        { name: 'kafka', check: probe.check },
      ],
    }),
    async stop() {
      await conversationListener.stop();
      await inboxListener.stop();
      await probe.close();
      await messaging.$disconnect();
      await notifications.$disconnect();
    },
  };
}
