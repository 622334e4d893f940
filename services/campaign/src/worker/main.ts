import { createCampaignReadModel, createPrismaClient } from '../db/read-model';
import { CAMPAIGN_EVENTS_TOPIC } from '@campaign/contracts';
import {
  createKafka,
  createLogger,
  ensureTopics,
  EventPublisher,
  loadConfig,
  runMain,
} from '@campaign/service-runtime';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createCampaignActivities } from './campaign-activities';
import { createCampaignWorker } from './campaign-worker';
import { WorkerConfig } from './config';

async function main(): Promise<void> {
  const config = loadConfig(WorkerConfig);
  const logger = createLogger('campaign-worker', config.LOG_LEVEL);
  Runtime.install({
    logger: new DefaultLogger('WARN', ({ level, message, meta }) =>
      logger[level === 'WARN' ? 'warn' : level === 'ERROR' ? 'error' : 'info'](meta ?? {}, message),
    ),
  });

  const prisma = createPrismaClient(config.DATABASE_URL);
  const kafka = createKafka('campaign-worker', config.KAFKA_BROKERS, logger);
  await ensureTopics(kafka, [CAMPAIGN_EVENTS_TOPIC]);
  const events = new EventPublisher(kafka);
  await events.connect();

  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await createCampaignWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activities: createCampaignActivities({ readModel: createCampaignReadModel(prisma), events }),
    maxConcurrentActivityTaskExecutions: config.MAX_CONCURRENT_ACTIVITIES,
    ...(config.WORKFLOW_BUNDLE ? { workflowBundlePath: config.WORKFLOW_BUNDLE } : {}),
  });
  logger.info({ address: config.TEMPORAL_ADDRESS }, 'campaign worker polling');
  // Worker.run() resolves after SIGINT/SIGTERM, once in-flight tasks are done.
  await worker.run();
  await events.disconnect();
  await connection.close();
  await prisma.$disconnect();
}

runMain(main);
