import {
  EventPublisher,
  createKafka,
  kafkaConnection,
  createPrismaIdempotencyStore,
  ensureTopics,
  createLogger,
  deadLetterDesk,
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
import { CAMPAIGN_EVENTS_TOPIC, MESSAGING_EVENTS_TOPIC } from '@campaign/contracts';
import { buildMessagingApp } from './app';
import { MessagingConfig } from './config';
import { createCollaborationGroupStore } from './db/collaboration-group-store';
import { createConversationStore } from './db/conversation-store';
import { createConversationListener, createLiveConversations } from './db/live-conversations';
import { createMessageOutbox } from './db/message-outbox';
import { createPrismaClient } from './db/prisma-client';
import { createSupportOutbox } from './db/support-outbox';
import { createSupportStore } from './db/support-store';
import { MESSAGING_CONSUMER_GROUP, consumeCampaignEvents } from './events/campaign-events-consumer';
import { startMessageRelay } from './events/message-relay';
import { startSupportMessageRelay } from './events/support-relay';

async function main(): Promise<void> {
  // First: every span after this (requests, consumers) goes to the configured collector.
  const tracing = startTracing('messaging');
  const config = loadConfig(MessagingConfig);
  const logger = createLogger('messaging', config.LOG_LEVEL);
  const prisma = createPrismaClient(config.DATABASE_URL);
  const conversations = createConversationStore(prisma);
  const groups = createCollaborationGroupStore(prisma);
  const support = createSupportStore(prisma);
  const kafka = createKafka('messaging', config.KAFKA_BROKERS, logger, {
    connection: kafkaConnection(config),
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
  });
  await ensureTopics(kafka, [CAMPAIGN_EVENTS_TOPIC, MESSAGING_EVENTS_TOPIC]);
  const events = new EventPublisher(kafka);
  const probe = kafkaProbe(kafka);
  const live = createConversationListener(config.DATABASE_URL, logger).start();

  // The API serves while the consumer joins its group; campaign events wait in Kafka meanwhile.
  const { consumer, running, readiness } = consumeCampaignEvents({
    kafka,
    conversations,
    groups,
    support,
    logger,
    retry: retryPolicyFromConfig(config),
  });

  const app = buildMessagingApp({
    logger,
    authSecret: config.AUTH_SECRET,
    corsOrigins: config.CORS_ORIGINS,
    ...oidcSettings(config),
    conversations,
    groups,
    support,
    liveConversations: createLiveConversations(prisma),
    live,
    idempotencyStore: createPrismaIdempotencyStore(prisma.idempotencyKey),
    deadLetters: deadLetterDesk(kafka, [MESSAGING_CONSUMER_GROUP]),
    readiness: [
      { name: 'database', check: () => conversations.ping() },
      { name: 'kafka', check: probe.check },
      readiness,
    ],
  });
  running.catch((error: unknown) => {
    logger.fatal({ err: error }, 'campaign event consumer could not start');
    process.exit(1);
  });
  const relay = startMessageRelay({ outbox: createMessageOutbox(prisma), events, logger });
  const supportRelay = startSupportMessageRelay({
    outbox: createSupportOutbox(prisma),
    events,
    logger,
  });
  reportOutboxBacklog('messages', () => prisma.message.count({ where: { announcedAt: null } }));
  reportOutboxBacklog('support-messages', () =>
    prisma.supportMessage.count({ where: { announcedAt: null } }),
  );
  if (config.METRICS_PORT !== undefined) await serveMetrics(config.METRICS_PORT, logger);
  await serve(app, config.PORT, logger, async () => {
    await relay.stop();
    await supportRelay.stop();
    await events.disconnect();
    await consumer.disconnect();
    await probe.close();
    await live.stop();
    await prisma.$disconnect();
    await tracing.shutdown();
  });
}

runMain(main);
