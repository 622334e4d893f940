import { createPrismaClient } from '../db/prisma-client';
import {
  ACCOUNTS_TOPIC,
  CAMPAIGN_EVENTS_TOPIC,
  INFLUENCER_PROFILES_TOPIC,
} from '@campaign/contracts';
import {
  createKafka,
  kafkaConnection,
  createLogger,
  ensureTopics,
  EventPublisher,
  loadConfig,
  reportOutboxBacklog,
  serveMetrics,
  retryPolicyFromConfig,
  runMain,
  startTracing,
} from '@campaign/service-runtime';
import { createInstagramGraphApi, instagramSettings } from '@campaign/social-network';
import { Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { ensureAudienceRefreshSchedule } from './audience-refresh-schedule';
import { audienceActivities } from './audience-wiring';
import { ensureInsightsRefreshSchedule } from './insights-refresh-schedule';
import { insightsActivities } from './insights-wiring';
import { createStoryStore } from '../db/story-store';
import { consumeStoryDue } from '../events/story-due-consumer';
import { createCampaignWorker } from './campaign-worker';
import { serveWorkerHealth } from './health-server';
import { WorkerConfig } from './config';
import { startRecording } from './recording';
import { superviseStoryConsumer } from './story-consumer-supervisor';
import { temporalConnection } from '../temporal/temporal-connection';
import { tracedTemporalClient } from '../temporal/traced-client';
import { builtWorkflowBundle } from './workflow-bundle';

async function main(): Promise<void> {
  // First: the worker's Temporal interceptors hand workflow and activity spans to this tracing.
  const tracing = startTracing('campaign-worker');
  const config = loadConfig(WorkerConfig);
  const logger = createLogger('campaign-worker', config.LOG_LEVEL);
  Runtime.install({
    // The SDK's worker metrics (task slots, polls, schedule-to-start latency) on a port of their own.
    ...(config.TEMPORAL_METRICS_PORT === undefined
      ? {}
      : {
          telemetryOptions: {
            metrics: { prometheus: { bindAddress: `0.0.0.0:${config.TEMPORAL_METRICS_PORT}` } },
          },
        }),
    logger: new DefaultLogger('WARN', ({ level, message, meta }) =>
      logger[level === 'WARN' ? 'warn' : level === 'ERROR' ? 'error' : 'info'](meta ?? {}, message),
    ),
  });

  const prisma = createPrismaClient(config.DATABASE_URL);
  // Sends the events the activities record; it reaches Kafka (and makes the topic) when it first
  // sends, so the worker polls and records while Kafka is away. Its client gives up on a request
  // after two retries: the relay's own backoff waits out a longer outage, and a send that hung on
  // would outlast the transaction that holds its campaigns.
  const kafka = createKafka('campaign-worker', config.KAFKA_BROKERS, logger, {
    retries: 2,
    connection: kafkaConnection(config),
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
  });
  const events = new EventPublisher(kafka);
  const network = createInstagramGraphApi(instagramSettings(config));
  const account =
    config.INSTAGRAM_PLATFORM_ACCOUNT_ID && config.INSTAGRAM_PLATFORM_ACCESS_TOKEN
      ? {
          accountId: config.INSTAGRAM_PLATFORM_ACCOUNT_ID,
          accessToken: config.INSTAGRAM_PLATFORM_ACCESS_TOKEN,
        }
      : undefined;
  if (!account) logger.warn('no platform social account configured: stories will be given up');
  const { activities, relay } = startRecording({
    db: prisma,
    events,
    logger,
    ensureTopic: () =>
      ensureTopics(kafka, [CAMPAIGN_EVENTS_TOPIC, INFLUENCER_PROFILES_TOPIC, ACCOUNTS_TOPIC]),
    ...(account
      ? {
          story: { network, account },
        }
      : {}),
  });

  const connection = await NativeConnection.connect(temporalConnection(config));
  const temporalClient = tracedTemporalClient(
    await Connection.connect(temporalConnection(config)),
    config.TEMPORAL_NAMESPACE,
  );
  // The daily audience refresh's Schedule: created by the first worker, brought to the setting's
  // time by every later start.
  await ensureAudienceRefreshSchedule(temporalClient, {
    at: config.AUDIENCE_REFRESH_AT,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
  });
  // Results imported from insights are read again every few hours while collaborations run.
  await ensureInsightsRefreshSchedule(temporalClient, {
    everyHours: config.INSIGHTS_REFRESH_EVERY_HOURS,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
  });
  // The compiled worker (an image) finds the bundle its build wrote beside it.
  const workflowBundle = config.WORKFLOW_BUNDLE ?? builtWorkflowBundle();
  const worker = await createCampaignWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activities: {
      ...activities,
      ...audienceActivities({
        db: prisma,
        network,
        tokenKey: config.SOCIAL_TOKEN_KEY,
        previousTokenKeys: config.SOCIAL_TOKEN_PREVIOUS_KEYS,
      }),
      ...insightsActivities({
        db: prisma,
        network,
        tokenKey: config.SOCIAL_TOKEN_KEY,
        previousTokenKeys: config.SOCIAL_TOKEN_PREVIOUS_KEYS,
        collaborationRunsForSeconds: config.FINISH_AFTER_COLLABORATION_SECONDS,
      }),
    },
    maxConcurrentActivityTaskExecutions: config.MAX_CONCURRENT_ACTIVITIES,
    ...(workflowBundle ? { workflowBundlePath: workflowBundle } : {}),
  });
  // Starts each campaign's story at its moment; it joins Kafka on its own, so the worker polls
  // Temporal meanwhile, with or without Kafka.
  const storyDue = superviseStoryConsumer(
    () =>
      consumeStoryDue({
        kafka,
        temporal: temporalClient,
        stories: createStoryStore(prisma),
        publicUrl: config.CAMPAIGN_PUBLIC_URL,
        logger,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        retry: retryPolicyFromConfig(config),
      }),
    logger,
  );
  reportOutboxBacklog('campaign-events', () =>
    prisma.campaignEventOutbox.count({ where: { publishedAt: null } }),
  );
  if (config.METRICS_PORT !== undefined) await serveMetrics(config.METRICS_PORT, logger);
  const health =
    config.HEALTH_PORT === undefined
      ? undefined
      : await serveWorkerHealth(config.HEALTH_PORT, worker, logger);
  logger.info(
    { address: config.TEMPORAL_ADDRESS, workflowBundle: workflowBundle ?? 'bundled at start' },
    'campaign worker polling',
  );
  // Worker.run() resolves after SIGINT/SIGTERM, once in-flight tasks are done.
  await worker.run();
  await health?.close();
  await storyDue.stop();
  await temporalClient.connection.close();
  await relay?.stop();
  await events.disconnect();
  await connection.close();
  await prisma.$disconnect();
  await tracing.shutdown();
}

runMain(main);
