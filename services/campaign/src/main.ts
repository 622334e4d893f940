import {
  createKafka,
  createLogger,
  deadLetterDesk,
  kafkaConnection,
  loadConfig,
  oidcSettings,
  runMain,
  serve,
  serveMetrics,
  startTracing,
} from '@campaign/service-runtime';
import { createInstagramGraphApi, instagramSettings } from '@campaign/social-network';
import { Connection } from '@temporalio/client';
import { campaignApi } from './campaign-api';
import { CampaignConfig } from './config';
import { createPrismaClient } from './db/prisma-client';
import { createCampaignChangeListener } from './db/campaign-changes';
import { STORY_CONSUMER_GROUP } from './events/story-due-consumer';
import { temporalConnection } from './temporal/temporal-connection';
import { tracedTemporalClient } from './temporal/traced-client';

async function main(): Promise<void> {
  // First: every span after this (requests, consumers) goes to the configured collector.
  const tracing = startTracing('campaign');
  const config = loadConfig(CampaignConfig);
  const logger = createLogger('campaign', config.LOG_LEVEL);
  const prisma = createPrismaClient(config.DATABASE_URL);
  const connection = await Connection.connect(temporalConnection(config));
  const live = createCampaignChangeListener(config.DATABASE_URL, logger).start();
  const { app } = campaignApi({
    live,
    db: prisma,
    temporal: tracedTemporalClient(connection, config.TEMPORAL_NAMESPACE),
    logger,
    authSecret: config.AUTH_SECRET,
    corsOrigins: config.CORS_ORIGINS,
    ...oidcSettings(config),
    // The worker consumes; the API lists and replays what it parked.
    ...(config.KAFKA_BROKERS
      ? {
          deadLetters: deadLetterDesk(
            createKafka('campaign', config.KAFKA_BROKERS, logger, {
              connection: kafkaConnection(config),
            }),
            [STORY_CONSUMER_GROUP],
          ),
        }
      : {}),
    social: {
      network: createInstagramGraphApi(
        // Spelled out: unset stays a key (the real API), as the settings type asks.
        instagramSettings(config),
      ),
      tokenKey: config.SOCIAL_TOKEN_KEY,
      previousTokenKeys: config.SOCIAL_TOKEN_PREVIOUS_KEYS,
    },
    accounts: {
      webAppUrl: config.WEB_APP_URL,
      requestsPerClientPerMinute: config.SIGN_IN_REQUESTS_PER_CLIENT_PER_MINUTE,
    },
    lifecycle: {
      finishAfterCollaborationSeconds: config.FINISH_AFTER_COLLABORATION_SECONDS,
      historyEventsPerRun: config.HISTORY_EVENTS_PER_RUN,
      maxBatch: config.ACTION_BATCH_MAX,
      updatesInFlightPerCampaign: config.UPDATES_IN_FLIGHT_PER_CAMPAIGN,
    },
  });
  if (config.METRICS_PORT !== undefined) await serveMetrics(config.METRICS_PORT, logger);
  await serve(app, config.PORT, logger, async () => {
    await live.stop();
    await connection.close();
    await prisma.$disconnect();
    await tracing.shutdown();
  });
}

runMain(main);
