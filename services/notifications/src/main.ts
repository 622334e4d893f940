import {
  ACCOUNTS_TOPIC,
  CAMPAIGN_EVENTS_TOPIC,
  INFLUENCER_PROFILES_TOPIC,
  MESSAGING_EVENTS_TOPIC,
} from '@campaign/contracts';
import {
  createKafka,
  kafkaConnection,
  createPrismaIdempotencyStore,
  createLogger,
  deadLetterDesk,
  ensureTopics,
  kafkaProbe,
  loadConfig,
  oidcSettings,
  retryPolicyFromConfig,
  reportOutboxBacklog,
  runMain,
  startTracing,
  serve,
  serveMetrics,
} from '@campaign/service-runtime';
import { buildNotificationsApp } from './app';
import { NotificationsConfig } from './config';
import { createInboxListener } from './db/inbox-listener';
import { createInfluencerAudienceStore } from './db/influencer-audience-store';
import { createInboxStore } from './db/inbox-store';
import { createPreferenceStore } from './db/preference-store';
import { createPrismaClient } from './db/prisma-client';
import {
  NOTIFICATIONS_CONSUMER_GROUP,
  consumeCampaignEvents,
} from './events/campaign-events-consumer';
import {
  PROFILE_NOTIFICATIONS_CONSUMER_GROUP,
  consumeInfluencerProfiles,
} from './events/influencer-profiles-consumer';
import {
  MESSAGE_NOTIFICATIONS_CONSUMER_GROUP,
  consumeMessagingEvents,
} from './events/messaging-events-consumer';
import {
  ACCOUNT_MAILS_CONSUMER_GROUP,
  consumeAccountEvents,
} from './events/account-events-consumer';
import { createAccountMailStore } from './db/account-mail-store';
import { startMailDelivery } from './mail/mail-delivery';
import { startNewsletterComposer } from './newsletter/newsletter-composer';
import { createNewsletterEditions } from './newsletter/newsletter-editions';
import { createNewsletterSubscriptions } from './newsletter/newsletter-subscriptions';

async function main(): Promise<void> {
  // First: every span after this (requests, consumers) goes to the configured collector.
  const tracing = startTracing('notifications');
  const config = loadConfig(NotificationsConfig);
  const logger = createLogger('notifications', config.LOG_LEVEL);
  const prisma = createPrismaClient(config.DATABASE_URL);
  const mail = startMailDelivery(config, prisma, logger);
  const { sender: mailSender, links } = mail;
  const inbox = createInboxStore(prisma, { onDelivered: () => mailSender.wake() });
  const newsletter = createNewsletterEditions(prisma, {
    settleMs: config.NEWSLETTER_SETTLE_SECONDS * 1000,
  });
  const composer = startNewsletterComposer({
    editions: newsletter,
    logger,
    onComposed: () => mailSender.wake(),
  });
  const kafka = createKafka('notifications', config.KAFKA_BROKERS, logger, {
    connection: kafkaConnection(config),
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
  });
  await ensureTopics(kafka, [
    CAMPAIGN_EVENTS_TOPIC,
    MESSAGING_EVENTS_TOPIC,
    INFLUENCER_PROFILES_TOPIC,
    ACCOUNTS_TOPIC,
  ]);
  const probe = kafkaProbe(kafka);
  const live = createInboxListener(config.DATABASE_URL, logger).start();

  // The inbox API serves while the consumers join their groups; events wait in Kafka meanwhile.
  const retry = retryPolicyFromConfig(config);
  const consumers = [
    consumeCampaignEvents({ kafka, inbox, newsletter, logger, retry }),
    consumeMessagingEvents({ kafka, inbox, logger, retry }),
    consumeInfluencerProfiles({
      kafka,
      audience: createInfluencerAudienceStore(prisma),
      logger,
      retry,
    }),
    consumeAccountEvents({
      kafka,
      accountMails: createAccountMailStore(prisma, { onOwed: () => mailSender.wake() }),
      logger,
      retry,
    }),
  ];
  const app = buildNotificationsApp({
    logger,
    authSecret: config.AUTH_SECRET,
    corsOrigins: config.CORS_ORIGINS,
    ...oidcSettings(config),
    inbox,
    newsletter: { subscriptions: createNewsletterSubscriptions(prisma), links },
    preferences: createPreferenceStore(prisma),
    live,
    idempotencyStore: createPrismaIdempotencyStore(prisma.idempotencyKey),
    deadLetters: deadLetterDesk(kafka, [
      NOTIFICATIONS_CONSUMER_GROUP,
      MESSAGE_NOTIFICATIONS_CONSUMER_GROUP,
      PROFILE_NOTIFICATIONS_CONSUMER_GROUP,
      ACCOUNT_MAILS_CONSUMER_GROUP,
    ]),
    readiness: [
      { name: 'database', check: () => inbox.ping() },
      { name: 'kafka', check: probe.check },
      ...consumers.map(({ readiness }) => readiness),
    ],
  });
  for (const { running } of consumers) {
    running.catch((error: unknown) => {
      logger.fatal({ err: error }, 'an event consumer could not start');
      process.exit(1);
    });
  }
  reportOutboxBacklog('mail', () => prisma.mailOutbox.count({ where: { sentAt: null } }));
  if (config.METRICS_PORT !== undefined) await serveMetrics(config.METRICS_PORT, logger);
  await serve(app, config.PORT, logger, async () => {
    await Promise.all(consumers.map(({ consumer }) => consumer.disconnect()));
    await probe.close();
    await composer.stop();
    await mail.stop();
    await live.stop();
    await prisma.$disconnect();
    await tracing.shutdown();
  });
}

runMain(main);
