import {
  createKafka,
  ensureTopics,
  createLogger,
  kafkaProbe,
  loadConfig,
  runMain,
  serve,
} from '@campaign/service-runtime';
import { CAMPAIGN_EVENTS_TOPIC } from '@campaign/contracts';
import { buildMessagingApp } from './app';
import { consumeInvitations } from './events/invitations-consumer';
import { MessagingConfig } from './config';
import { createConversationStore } from './db/conversation-store';
import { createPrismaClient } from './db/prisma-client';

async function main(): Promise<void> {
  const config = loadConfig(MessagingConfig);
  const logger = createLogger('messaging', config.LOG_LEVEL);
  const prisma = createPrismaClient(config.DATABASE_URL);
  const conversations = createConversationStore(prisma);
  const kafka = createKafka('messaging', config.KAFKA_BROKERS, logger);
  await ensureTopics(kafka, [CAMPAIGN_EVENTS_TOPIC]);
  const probe = kafkaProbe(kafka);

  const app = buildMessagingApp({
    logger,
    authSecret: config.AUTH_SECRET,
    conversations,
    readiness: [
      { name: 'database', check: () => conversations.ping() },
      { name: 'kafka', check: probe.check },
    ],
  });
  // The API serves while the consumer joins its group; invitations wait in Kafka meanwhile.
  const { consumer, running } = consumeInvitations({ kafka, conversations, logger });
  running.catch((error: unknown) => {
    logger.fatal({ err: error }, 'invitation consumer could not start');
    process.exit(1);
  });
  await serve(app, config.PORT, logger, async () => {
    await consumer.disconnect();
    await probe.close();
    await prisma.$disconnect();
  });
}

runMain(main);
