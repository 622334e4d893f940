import { randomUUID } from 'node:crypto';
import { ACCOUNTS_TOPIC, CAMPAIGN_EVENTS_TOPIC } from '@campaign/contracts';
import {
  consumeAccountEvents,
  consumeCampaignEvents,
  createAccountMailStore,
  createMailOutbox,
  createPrismaAddressBook,
  createSmtpTransport,
  startMailSender,
} from '@campaign/notifications-service';
import { TEST_AUTH_SECRET, testEnvironment } from '@campaign/testing';
import type { Kafka } from 'kafkajs';
import { TEST_WEB_APP_URL } from '../system/campaign-system';
import type { buildMessengerAndInbox } from '../system/messenger-inbox-system';

const FROM = 'Campaign platform <notifications@campaign-platform.test>';

/**
 * A fresh consumer group starts where the topic ends now: the run's earlier events belong to other
 * test files (mailing their sign-in links again would put a second mail in their mailboxes).
 */
async function startAtTheEnd(kafka: Kafka, groupId: string, topic: string) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({
      groupId,
      topic,
      partitions: offsets.map(({ partition, high }) => ({ partition, offset: high })),
    });
  } finally {
    await admin.disconnect();
  }
}

/**
 * The notifications service's side of the mail path, as its main.ts runs it, on a notifications
 * database of the test's own: the account events consumer (sign-in links, welcomes, invitations),
 * the campaign events consumer (inbox notifications: agreements, congratulations…) and the mail
 * sender against the run's SMTP server (maildev). The campaign system's relay sends the events.
 */
export async function startMailPath(
  kafka: Kafka,
  notifications: ReturnType<typeof buildMessengerAndInbox>,
  name: string,
) {
  const deps = {
    kafka,
    db: notifications.notifications,
    inbox: notifications.inbox,
    newsletter: notifications.newsletter,
    logger: notifications.logger,
    name,
  };
  const env = testEnvironment();
  const transport = createSmtpTransport({ ...env.smtp, secure: false }, 5);
  const sender = startMailSender({
    outbox: createMailOutbox(deps.db),
    addressBook: createPrismaAddressBook(deps.db),
    transport,
    from: FROM,
    appBaseUrl: TEST_WEB_APP_URL,
    unsubscribeUrlFor: async () => `${TEST_WEB_APP_URL}/unsubscribe`,
    linkSecret: TEST_AUTH_SECRET,
    logger: deps.logger,
    retry: { initialDelayMs: 100, maxDelayMs: 1_000 },
    idleMs: 200,
  });
  const groups = {
    accounts: `${deps.name}-accounts-${randomUUID()}`,
    campaign: `${deps.name}-campaign-${randomUUID()}`,
  };
  await startAtTheEnd(deps.kafka, groups.accounts, ACCOUNTS_TOPIC);
  await startAtTheEnd(deps.kafka, groups.campaign, CAMPAIGN_EVENTS_TOPIC);
  const consumers = [
    consumeAccountEvents({
      kafka: deps.kafka,
      accountMails: createAccountMailStore(deps.db, { onOwed: () => sender.wake() }),
      logger: deps.logger,
      groupId: groups.accounts,
    }),
    consumeCampaignEvents({
      kafka: deps.kafka,
      inbox: deps.inbox,
      newsletter: deps.newsletter,
      logger: deps.logger,
      groupId: groups.campaign,
    }),
  ];
  await Promise.all(consumers.map(({ running }) => running));
  return {
    async stop() {
      await Promise.all(consumers.map(({ consumer }) => consumer.disconnect()));
      await sender.stop();
      transport.close?.();
    },
  };
}
