import { createPrismaClient } from '../db/prisma-client';
import { CAMPAIGN_EVENTS_TOPIC, INFLUENCER_PROFILES_TOPIC } from '@campaign/contracts';
import {
  createKafka,
  createLogger,
  ensureTopics,
  EventPublisher,
  loadConfig,
  runMain,
} from '@campaign/service-runtime';
import { createInstagramGraphApi, instagramSettings } from '@campaign/social-network';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { ensureAudienceRefreshSchedule } from './audience-refresh-schedule';
import { audienceActivities } from './audience-wiring';
import { createCampaignWorker } from './campaign-worker';
import { WorkerConfig } from './config';
import { startRecording } from './recording';

async function main(): Promise<void> {
  const config = loadConfig(WorkerConfig);
  const logger = createLogger('campaign-worker', config.LOG_LEVEL);
  Runtime.install({
    logger: new DefaultLogger('WARN', ({ level, message, meta }) =>
      logger[level === 'WARN' ? 'warn' : level === 'ERROR' ? 'error' : 'info'](meta ?? {}, message),
    ),
  });

  const prisma = createPrismaClient(config.DATABASE_URL);
  // Sends the events the activities record; it reaches Kafka (and makes the topic) when it first
  // sends, so the worker polls and records while Kafka is away. Its client gives up on a request
  // after two retries: the relay's own backoff waits out a longer outage, and a send that hung on
  // would outlast the transaction that holds its campaigns.
  const kafka = createKafka('campaign-worker', config.KAFKA_BROKERS, logger, { retries: 2 });
  const events = new EventPublisher(kafka);
  const { activities, relay } = startRecording({
    db: prisma,
    events,
    logger,
    ensureTopic: () => ensureTopics(kafka, [CAMPAIGN_EVENTS_TOPIC, INFLUENCER_PROFILES_TOPIC]),
  });

  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  // The daily audience refresh's Schedule: created by the first worker, brought to the setting's
  // time by every later start.
  const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  await ensureAudienceRefreshSchedule(
    new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE }),
    { at: config.AUDIENCE_REFRESH_AT, taskQueue: config.TEMPORAL_TASK_QUEUE },
  );
  await clientConnection.close();
  const worker = await createCampaignWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activities: {
      ...activities,
      ...audienceActivities({
        db: prisma,
        network: createInstagramGraphApi(
          // Spelled out: unset stays a key (the real API), as the settings type asks.
          instagramSettings(config),
        ),
        tokenKey: config.SOCIAL_TOKEN_KEY,
        previousTokenKeys: config.SOCIAL_TOKEN_PREVIOUS_KEYS,
      }),
    },
    maxConcurrentActivityTaskExecutions: config.MAX_CONCURRENT_ACTIVITIES,
    ...(config.WORKFLOW_BUNDLE ? { workflowBundlePath: config.WORKFLOW_BUNDLE } : {}),
  });
  logger.info({ address: config.TEMPORAL_ADDRESS }, 'campaign worker polling');
  // Worker.run() resolves after SIGINT/SIGTERM, once in-flight tasks are done.
  await worker.run();
  await relay?.stop();
  await events.disconnect();
  await connection.close();
  await prisma.$disconnect();
}

runMain(main);
