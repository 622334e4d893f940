import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEV_SOCIAL_TOKEN_KEY, campaignApi, createPrismaClient } from '@campaign/campaign-service';
import {
  audienceActivities,
  createCampaignWorker,
  insightsActivities,
  startRecording,
} from '@campaign/campaign-service/worker';
import {
  LOCAL_GRAPH_API_URL,
  LOCAL_GRAPH_CLIENT_ID,
  LOCAL_GRAPH_CLIENT_SECRET,
  createInstagramGraphApi,
} from '@campaign/social-network';
import {
  CAMPAIGN_EVENTS_TOPIC,
  FINISH_AFTER_COLLABORATION_SECONDS,
  INFLUENCER_PROFILES_TOPIC,
} from '@campaign/contracts';
import { EventPublisher, createKafka, createLogger, ensureTopics } from '@campaign/service-runtime';
import type { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';

/**
 * The campaign service as the stack runs it (HTTP API, its workflow worker, PostgreSQL, Kafka),
 * wired in the bench's process and listening on a real loopback port, so every measured action
 * pays for HTTP, auth, the database reads and the workflow update, as a client's would.
 */
export async function startCampaignService(wiring: {
  databaseUrl: string;
  kafkaBrokers: string;
  /** Shared with the raw-update load, so both measure through the same client. */
  temporal: Client;
  workerConnection: NativeConnection;
}) {
  const authSecret = randomBytes(32).toString('hex');
  const logger = createLogger('bench-campaign', 'silent');
  const db = createPrismaClient(wiring.databaseUrl);
  const kafka = createKafka('bench-campaign', wiring.kafkaBrokers.split(','), logger);
  const events = new EventPublisher(kafka);
  await ensureTopics(kafka, [CAMPAIGN_EVENTS_TOPIC, INFLUENCER_PROFILES_TOPIC]);
  // The bench measures no social account; the adapter is wired as the stack's, never called.
  const social = {
    network: createInstagramGraphApi({
      baseUrl: LOCAL_GRAPH_API_URL,
      clientId: LOCAL_GRAPH_CLIENT_ID,
      clientSecret: LOCAL_GRAPH_CLIENT_SECRET,
      redirectUri: 'http://127.0.0.1:3001/social-account/connected',
    }),
    tokenKey: Buffer.from(DEV_SOCIAL_TOKEN_KEY, 'base64'),
  };
  const { app } = campaignApi({ db, temporal: wiring.temporal, logger, authSecret, social });
  const { activities, relay } = startRecording({ db, events, logger });
  const worker = await createCampaignWorker({
    connection: wiring.workerConnection,
    namespace: 'default',
    activities: {
      ...activities,
      ...audienceActivities({ db, ...social }),
      ...insightsActivities({
        db,
        ...social,
        collaborationRunsForSeconds: FINISH_AFTER_COLLABORATION_SECONDS,
      }),
    },
  });
  const running = worker.run();
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    authSecret,
    db,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      worker.shutdown();
      await running;
      await relay?.stop();
      await events.disconnect();
      await db.$disconnect();
    },
  };
}

export type CampaignService = Awaited<ReturnType<typeof startCampaignService>>;
