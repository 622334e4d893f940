import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createPrismaClient } from '@campaign/campaign-service';
import {
  CAMPAIGN_EVENTS_TOPIC,
  CAMPAIGN_WORKFLOW_TYPE,
  CampaignEvent,
  campaignUpdateName,
  campaignWorkflowId,
  type CampaignActionArgs,
  type CampaignActionName,
} from '@campaign/contracts';
import { createKafka, createLogger } from '@campaign/service-runtime';
import { eventually, testEnvironment } from '@campaign/testing';
import { Client, Connection } from '@temporalio/client';
import { waitUntilPolling } from '../src/engines/worker-readiness';
import { spawnCampaignWorker } from './system/worker-process';

// A worker process is killed (SIGKILL, no clean-up) in the middle of a campaign; a new process
// finishes it. Nothing acknowledged may be lost, and nothing may be recorded twice.
const env = testEnvironment();
const TASK_QUEUE = 'campaign-lifecycle-crash-test';
const INFLUENCERS = 40;

function startWorkerProcess(): ChildProcess {
  return spawnCampaignWorker({
    databaseUrl: env.databaseUrls.campaign,
    kafkaBrokers: env.kafkaBrokers.join(','),
    temporalAddress: env.temporalAddress,
    taskQueue: TASK_QUEUE,
  });
}

describe('a worker killed mid-campaign (real PostgreSQL, Temporal and Kafka)', () => {
  const db = createPrismaClient(env.databaseUrls.campaign);
  const workers: ChildProcess[] = [];
  let connection: Connection;

  beforeAll(async () => {
    connection = await Connection.connect({ address: env.temporalAddress });
  });

  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await connection?.close();
    await db.$disconnect();
  });

  it('is replaced by a new worker that finishes the campaign with nothing lost or duplicated', async () => {
    const client = new Client({ connection });
    const campaignId = randomUUID();
    await db.campaign.create({
      data: {
        id: campaignId,
        brandId: 'brand-crash',
        createdBy: 'brand-user-crash',
        title: 'Crash course',
        brief: 'A campaign whose worker dies',
        qualifications: {},
        storyImageUrls: [],
        schedule: {},
      },
    });
    const handle = await client.workflow.start(CAMPAIGN_WORKFLOW_TYPE, {
      taskQueue: TASK_QUEUE,
      workflowId: campaignWorkflowId(campaignId),
      args: [
        {
          campaignId,
          brandId: 'brand-crash',
          title: 'Crash course',
          publishedBy: 'brand-user-crash',
          schedule: {
            storyDelaySeconds: 1,
            newsletterTimeUtc: '18:00',
            selectionReminderAfterSeconds: 3600,
            closeAfterSeconds: 3600,
            agreementWindowSeconds: 3600,
            agreementReminderBeforeSeconds: 600,
          },
        },
      ],
    });
    const act = <Name extends CampaignActionName>(name: Name, args: CampaignActionArgs<Name>) =>
      handle.executeUpdate(campaignUpdateName(name), { args: [args] });
    const ids = Array.from({ length: INFLUENCERS }, (_, i) => `crash-influencer-${i}`);
    const profile = { followers: 100, niches: ['travel'], country: 'NL' };

    const first = startWorkerProcess();
    workers.push(first);
    await waitUntilPolling(env.temporalAddress, TASK_QUEUE, first.pid!);
    for (const influencerId of ids.slice(0, INFLUENCERS / 2)) {
      await act('apply', { influencerId, profile });
    }
    // Acknowledged by Temporal, not yet recorded by the worker when it dies.
    await Promise.all(
      ids
        .slice(INFLUENCERS / 2)
        .map((influencerId) => handle.signal('apply', { influencerId, profile })),
    );
    first.kill('SIGKILL');

    const second = startWorkerProcess();
    workers.push(second);
    await waitUntilPolling(env.temporalAddress, TASK_QUEUE, second.pid!);
    await act('select', { influencerIds: ids });
    await act('sendAgreement', { influencerIds: ids });
    for (const influencerId of ids) await act('sign', { influencerId });
    await handle.signal('closeEarly', { closedBy: 'ops-layla', reason: 'crash test' });
    await act('startCollaboration', { startedBy: 'brand-user-crash' });

    // The read model holds every fact exactly once.
    expect(await db.application.count({ where: { campaignId } })).toBe(INFLUENCERS);
    expect(await db.agreement.count({ where: { campaignId, status: 'accepted' } })).toBe(
      INFLUENCERS,
    );
    expect(await db.collaborator.count({ where: { campaignId } })).toBe(INFLUENCERS);
    const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    expect(campaign.status).toBe('closed');
    expect(campaign.collaborationStartedAt).not.toBeNull();
    expect(await db.opsAction.count({ where: { campaignId } })).toBe(1);

    // Kafka carries every fact; a redelivery repeats an event id, never invents a second fact.
    const events = await campaignEventsOnKafka(campaignId);
    const byType = (type: string) => events.filter((event) => event.type === type);
    expect(byType('CampaignPublished')).toHaveLength(1);
    expect(byType('ApplicationReceived')).toHaveLength(INFLUENCERS);
    expect(
      new Set(
        byType('ApplicationReceived').map(
          (event) => (event.payload as { influencerId: string }).influencerId,
        ),
      ).size,
    ).toBe(INFLUENCERS);
    expect(byType('AgreementSent')).toHaveLength(INFLUENCERS);
    expect(byType('AgreementSigned')).toHaveLength(INFLUENCERS);
    expect(byType('CampaignClosed')).toHaveLength(1);
    expect(byType('CollaborationStarted')).toHaveLength(1);
    const group = byType('CollaboratorsJoined').flatMap(
      (event) => (event.payload as { influencerIds: string[] }).influencerIds,
    );
    expect(group.sort()).toEqual([...ids].sort());
  }, 240_000);
});

/** Every distinct event (by id) about the campaign, read from the start of the topic. */
async function campaignEventsOnKafka(campaignId: string): Promise<CampaignEvent[]> {
  const kafka = createKafka(
    'crash-test-reader',
    env.kafkaBrokers,
    createLogger('crash-test', 'silent'),
  );
  const consumer = kafka.consumer({ groupId: `crash-test-${randomUUID()}` });
  const events = new Map<string, CampaignEvent>();
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: CAMPAIGN_EVENTS_TOPIC, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        // The topic holds every test file's events, keyed by campaign: only this one's are read.
        if (message.key?.toString() !== campaignId) return;
        const event = CampaignEvent.parse(JSON.parse(message.value!.toString()));
        if (event.subject === campaignId) events.set(event.id, event);
      },
    });
    await eventually(
      async () =>
        // The group follows the start, in order: once it is here, everything is.
        expect([...events.values()].some((event) => event.type === 'CollaboratorsJoined')).toBe(
          true,
        ),
      { timeoutMs: 120_000 },
    );
  } finally {
    await consumer.disconnect();
  }
  return [...events.values()];
}
