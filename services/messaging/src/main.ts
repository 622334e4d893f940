import {
  createKafka,
  createLogger,
  kafkaProbe,
  loadConfig,
  runMain,
  serve,
} from '@campaign/service-runtime';
import { buildMessagingApp } from './app';
import { MessagingConfig } from './config';
import { createConversationStore } from './db/conversation-store';
import { createPrismaClient } from './db/prisma-client';

async function main(): Promise<void> {
  const config = loadConfig(MessagingConfig);
  const logger = createLogger('messaging', config.LOG_LEVEL);
  const prisma = createPrismaClient(config.DATABASE_URL);
  const conversations = createConversationStore(prisma);
  const probe = kafkaProbe(createKafka('messaging', config.KAFKA_BROKERS, logger));

  const app = buildMessagingApp({
    logger,
    authSecret: config.AUTH_SECRET,
    conversations,
    readiness: [
      { name: 'database', check: () => conversations.ping() },
      { name: 'kafka', check: probe.check },
    ],
  });
  await serve(app, config.PORT, logger, async () => {
    await probe.close();
    await prisma.$disconnect();
  });
}

runMain(main);
