import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createPrismaClient, type CampaignDb } from '@campaign/campaign-service/facts';
import { CAMPAIGN_WORKFLOW_TYPE, campaignWorkflowId } from '@campaign/contracts';
import { eventually, testEnvironment } from '@campaign/testing';
import { Client, Connection } from '@temporalio/client';
import { waitUntilPolling } from '../src/engines/worker-readiness';
import { spawnCampaignWorker } from './system/worker-process';
import { campaignDatabaseOfOwn } from './system/database-of-own';
import { deadPort } from './system/dead-port';

// The worker process starts while Kafka is away (its broker is a port nobody listens on): it polls
// and records the campaign's facts anyway; the events wait in the outbox for Kafka's return.
const env = testEnvironment();
const TASK_QUEUE = `worker-without-kafka-${randomUUID()}`;

describe('a worker started while Kafka is away (real PostgreSQL and Temporal)', () => {
  let database: Awaited<ReturnType<typeof campaignDatabaseOfOwn>>;
  let db: CampaignDb;
  let worker: ChildProcess | undefined;
  let connection: Connection;

  beforeAll(async () => {
    // A database of its own: no other test file's relay may send the events meanwhile.
    database = await campaignDatabaseOfOwn('worker_without_kafka');
    db = createPrismaClient(database.url);
    connection = await Connection.connect({ address: env.temporalAddress });
  });

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await connection?.close();
    await db?.$disconnect();
    await database?.drop();
  });

  it('polls and records the campaign’s facts, keeping its events owed', async () => {
    worker = spawnCampaignWorker({
      databaseUrl: database.url,
      kafkaBrokers: `127.0.0.1:${await deadPort()}`,
      temporalAddress: env.temporalAddress,
      taskQueue: TASK_QUEUE,
    });
    await waitUntilPolling(env.temporalAddress, TASK_QUEUE, worker.pid!);

    const campaignId = randomUUID();
    await db.campaign.create({
      data: {
        id: campaignId,
        brandId: 'brand-without-kafka',
        createdBy: 'brand-user',
        title: 'No broker',
        brief: 'Published while Kafka is away',
        qualifications: {},
        storyImageUrls: [],
        schedule: {},
      },
    });
    const handle = await new Client({ connection }).workflow.start(CAMPAIGN_WORKFLOW_TYPE, {
      taskQueue: TASK_QUEUE,
      workflowId: campaignWorkflowId(campaignId),
      args: [
        {
          campaignId,
          brandId: 'brand-without-kafka',
          title: 'No broker',
          publishedBy: 'brand-user',
          schedule: {
            storyDelaySeconds: 3600,
            newsletterTimeUtc: '18:00',
            selectionReminderAfterSeconds: 3600,
            closeAfterSeconds: 3600,
            agreementWindowSeconds: 3600,
            agreementReminderBeforeSeconds: 600,
          },
        },
      ],
    });
    try {
      await eventually(async () => {
        const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
        expect(campaign.status).toBe('published');
      });
      const owed = await db.campaignEventOutbox.findMany({ where: { subject: campaignId } });
      expect(owed.map((row) => [(row.envelope as { type: string }).type, row.publishedAt])).toEqual(
        [['CampaignPublished', null]],
      );
    } finally {
      await handle.terminate('test over');
    }
  });
});
