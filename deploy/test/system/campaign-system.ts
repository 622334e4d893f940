import { randomUUID } from 'node:crypto';
import {
  DEV_SOCIAL_TOKEN_KEY,
  campaignApi,
  createCampaignChangeListener,
  tracedTemporalClient,
  createInfluencerProfileStore,
  createPrismaClient,
} from '@campaign/campaign-service';
import {
  LOCAL_GRAPH_CLIENT_ID,
  LOCAL_GRAPH_CLIENT_SECRET,
  createInstagramGraphApi,
} from '@campaign/social-network';
import {
  ACCOUNTS_TOPIC,
  CAMPAIGN_EVENTS_TOPIC,
  FINISH_AFTER_COLLABORATION_SECONDS,
  INFLUENCER_PROFILES_TOPIC,
  type CampaignSchedule,
} from '@campaign/contracts';
import {
  EventPublisher,
  createKafka,
  createLogger,
  deadLetterDesk,
  ensureTopics,
  issueToken,
  logFile,
  type Identity,
} from '@campaign/service-runtime';
import type { AccountAccess, SocialNetwork } from '@campaign/social-network';
import { TEST_AUTH_SECRET, eventually, testEnvironment } from '@campaign/testing';
import {
  audienceActivities,
  createCampaignWorker,
  insightsActivities,
  startRecording,
} from '@campaign/campaign-service/worker';
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import request from 'supertest';

/** Where the test system's sign-in links lead. */
export const TEST_WEB_APP_URL = 'https://app.campaign-platform.test';

/**
 * The campaign service as it runs in the stack, on the engines of this test run: the HTTP API,
 * its workflow worker on Temporal, the facts it records in PostgreSQL and the relay that sends
 * their events to Kafka.
 */
export async function startCampaignSystem(
  name: string,
  options: {
    /** Another database than the run's (a test that stops its PostgreSQL). */
    databaseUrl?: string;
    /** A task queue of the test's own, so no other test's worker picks up its workflows. */
    taskQueue?: string;
    actionDeadlineMs?: number;
    finishAfterCollaborationSeconds?: number;
    historyEventsPerRun?: number;
    /** Warnings and errors of the service go to this file (silent otherwise). */
    logFile?: string;
    /** Without a worker: the workflows it starts wait for one. */
    worker?: boolean;
    /** Without the relay of its worker: recorded events stay in the outbox. */
    relay?: boolean;
    /** The social network and the platform's account its worker posts stories with. */
    story?: { network: SocialNetwork; account: AccountAccess };
    /** Sign-up and sign-in requests one client may make per minute (the service's default). */
    requestsPerClientPerMinute?: number;
    /** The consumer groups whose parked events its ops routes answer for (none: those answer 503). */
    deadLetterGroups?: string[];
  } = {},
) {
  const env = testEnvironment();
  const logger = options.logFile
    ? createLogger(name, 'warn', logFile(options.logFile))
    : createLogger(name, 'silent');
  const db = createPrismaClient(options.databaseUrl ?? env.databaseUrls.campaign);
  const kafka = createKafka(name, env.kafkaBrokers, logger);
  const events = new EventPublisher(kafka);
  await ensureTopics(kafka, [CAMPAIGN_EVENTS_TOPIC, INFLUENCER_PROFILES_TOPIC, ACCOUNTS_TOPIC]);
  const connection = await Connection.connect({ address: env.temporalAddress });
  const temporal = tracedTemporalClient(connection);
  // The Instagram adapter on the run's local Graph API, as the stack configures it.
  const socialNetwork = createInstagramGraphApi({
    baseUrl: env.graphApiUrl,
    clientId: LOCAL_GRAPH_CLIENT_ID,
    clientSecret: LOCAL_GRAPH_CLIENT_SECRET,
    redirectUri: 'http://127.0.0.1:3001/social-account/connected',
  });
  const tokenKey = Buffer.from(DEV_SOCIAL_TOKEN_KEY, 'base64');
  // As main.ts does: board streams wait on the process's one listener.
  const live = createCampaignChangeListener(
    options.databaseUrl ?? env.databaseUrls.campaign,
    logger,
  ).start();
  const { app, lifecycle } = campaignApi({
    live,
    db,
    temporal,
    logger,
    authSecret: TEST_AUTH_SECRET,
    social: { network: socialNetwork, tokenKey },
    ...(options.deadLetterGroups
      ? { deadLetters: deadLetterDesk(kafka, options.deadLetterGroups) }
      : {}),
    accounts: {
      webAppUrl: TEST_WEB_APP_URL,
      ...(options.requestsPerClientPerMinute
        ? { requestsPerClientPerMinute: options.requestsPerClientPerMinute }
        : {}),
    },
    lifecycle: {
      ...(options.taskQueue ? { taskQueue: options.taskQueue } : {}),
      ...(options.actionDeadlineMs ? { actionDeadlineMs: options.actionDeadlineMs } : {}),
      ...(options.finishAfterCollaborationSeconds === undefined
        ? {}
        : { finishAfterCollaborationSeconds: options.finishAfterCollaborationSeconds }),
      ...(options.historyEventsPerRun === undefined
        ? {}
        : { historyEventsPerRun: options.historyEventsPerRun }),
    },
  });
  const recording =
    options.worker === false
      ? null
      : startRecording({
          db,
          events,
          logger,
          relay: options.relay !== false,
          ...(options.story ? { story: options.story } : {}),
        });
  const workerConnection = await NativeConnection.connect({ address: env.temporalAddress });
  const worker = recording
    ? await createCampaignWorker({
        connection: workerConnection,
        namespace: 'default',
        ...(options.taskQueue ? { taskQueue: options.taskQueue } : {}),
        activities: {
          ...recording.activities,
          ...audienceActivities({ db, network: socialNetwork, tokenKey }),
          ...insightsActivities({
            db,
            network: socialNetwork,
            tokenKey,
            collaborationRunsForSeconds:
              options.finishAfterCollaborationSeconds ?? FINISH_AFTER_COLLABORATION_SECONDS,
          }),
        },
      })
    : null;
  const running = worker?.run();

  return {
    app,
    db,
    lifecycle,
    /** For what a test does to a workflow directly, as ops would with the Temporal CLI. */
    temporal,
    kafka,
    /** The Instagram adapter the service uses, on the local Graph API. */
    socialNetwork,
    /** Publishes to Kafka as the campaign service does. */
    events,
    /** The listener board streams wait on. */
    live,
    async stop() {
      await live.stop();
      worker?.shutdown();
      await running;
      await recording?.relay?.stop();
      await workerConnection.close();
      await connection.close();
      await events.disconnect();
      await db.$disconnect();
    },
  };
}

export type CampaignSystem = Awaited<ReturnType<typeof startCampaignSystem>>;

export const bearer = async (identity: Identity) =>
  `Bearer ${await issueToken(identity, TEST_AUTH_SECRET)}`;

/** A brand on a plan, with one user who acts for it; ids are fresh so test files never meet. */
export async function createBrand(
  system: CampaignSystem,
  plan: 'starter' | 'professional' | 'enterprise',
) {
  const id = `brand-${plan}-${randomUUID()}`;
  await system.db.brand.create({ data: { id, name: `A ${plan} brand`, plan } });
  return {
    id,
    auth: await bearer({ role: 'brand', userId: `user-of-${id}`, brandId: id }),
  };
}

/**
 * An influencer of the Network with a profile they can apply with, written as every profile is:
 * through the profile store, which announces it (with no e-mail address unless given).
 */
export async function createInfluencer(
  system: CampaignSystem,
  profile: {
    id?: string;
    handle?: string;
    followers?: number;
    niches?: string[];
    country?: string;
    email?: string;
  } = {},
) {
  const id = profile.id ?? `influencer-${randomUUID()}`;
  const saved = await createInfluencerProfileStore(system.db).importProfile(
    id,
    {
      handle: profile.handle ?? `@${id.replace(/[^A-Za-z0-9]/g, '_').slice(0, 30)}`,
      displayName: `Influencer ${id.slice(-6)}`,
      niches: profile.niches ?? ['beauty'],
      country: profile.country ?? 'NL',
      shippingAddress: { street: 'Keizersgracht 1', city: 'Amsterdam', country: 'NL' },
      ...(profile.email ? { email: profile.email } : {}),
    },
    { followers: profile.followers ?? 10_000, engagementRate: 3.5 },
  );
  if (saved === 'handle-taken') throw new Error(`the handle of ${id} is taken`);
  return { id, auth: await bearer({ role: 'influencer', userId: id }) };
}

/** Creates a draft over HTTP, and publishes it unless asked for a draft. */
export async function createCampaign(
  system: CampaignSystem,
  brandAuth: string,
  options: {
    draft?: boolean;
    schedule?: Partial<CampaignSchedule>;
    qualifications?: object;
  } = {},
) {
  const created = await request(system.app)
    .post('/campaigns')
    .set('authorization', brandAuth)
    .send({
      title: 'Summer glow',
      brief: 'Show our SPF in your morning routine',
      schedule: options.schedule ?? {},
      qualifications: options.qualifications ?? {},
    })
    .expect(201);
  const id = created.body.id as string;
  if (!options.draft) {
    await request(system.app)
      .post(`/campaigns/${id}/publish`)
      .set('authorization', brandAuth)
      .expect(202);
    await eventually(async () => {
      const row = await system.db.campaign.findUniqueOrThrow({ where: { id } });
      expect(row.status).toBe('published');
    });
  }
  return id;
}
