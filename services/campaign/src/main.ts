import { createLogger, loadConfig, runMain, serve } from '@campaign/service-runtime';
import { Client, Connection } from '@temporalio/client';
import { buildCampaignApp } from './app';
import { CampaignConfig } from './config';
import { createBoardStore } from './db/board-store';
import { createCampaignStore } from './db/campaign-store';
import { createIdempotencyStore } from './db/idempotency-store';
import { createNetworkStore } from './db/network-store';
import { createCollaborationStore } from './db/collaboration-store';
import { createFinishedCampaignStore } from './db/finished-campaign-store';
import { createPrismaClient } from './db/prisma-client';
import { temporalCampaignLifecycle } from './temporal/campaign-lifecycle';

async function main(): Promise<void> {
  const config = loadConfig(CampaignConfig);
  const logger = createLogger('campaign', config.LOG_LEVEL);
  const prisma = createPrismaClient(config.DATABASE_URL);
  const store = createCampaignStore(prisma);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const lifecycle = temporalCampaignLifecycle(
    new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }),
    {
      finishAfterCollaborationSeconds: config.FINISH_AFTER_COLLABORATION_SECONDS,
      finishedCampaigns: createFinishedCampaignStore(prisma),
      maxBatch: config.ACTION_BATCH_MAX,
      updatesInFlightPerCampaign: config.UPDATES_IN_FLIGHT_PER_CAMPAIGN,
    },
  );

  const app = buildCampaignApp({
    logger,
    authSecret: config.AUTH_SECRET,
    corsOrigins: config.CORS_ORIGINS,
    store,
    boards: createBoardStore(prisma),
    network: createNetworkStore(prisma),
    collaborations: createCollaborationStore(prisma),
    db: prisma,
    idempotencyStore: createIdempotencyStore(prisma),
    lifecycle,
    readiness: [
      { name: 'database', check: () => store.ping() },
      { name: 'temporal', check: () => lifecycle.ping() },
    ],
  });
  await serve(app, config.PORT, logger, async () => {
    await connection.close();
    await prisma.$disconnect();
  });
}

runMain(main);
