import { campaignUpdateName, type CampaignBoard, CampaignSchedule } from '@campaign/contracts';
import { testEnvironment } from '@campaign/testing';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { RecordedFact } from '../src/workflows/activities';
import { campaignWorkflow } from '../src/workflows';

const DAY = 24 * 60 * 60 * 1000;
const APPLICANTS = 5_000;
/** The workflow hands over to a new run past 5,000 events; a run may finish its last task. */
const MAX_EVENTS_PER_RUN = 5_500;

/** Sends in waves, as a crowd of influencers would, without one RPC per moment of wall time. */
async function inWaves<T>(items: T[], size: number, send: (item: T) => Promise<unknown>) {
  for (let start = 0; start < items.length; start += size) {
    await Promise.all(items.slice(start, start + size).map(send));
  }
}

describe('a campaign at scale (time-skipping)', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: testEnvironment().temporalTestServer } },
    });
  });

  afterAll(async () => {
    await env?.teardown();
  });

  /** The run this one continued from, read off its first history event. */
  async function previousRunOf(workflowId: string, runId: string): Promise<string | undefined> {
    // The time-skipping server answers with whole histories, beyond gRPC's default 4 MiB.
    const connection = await Connection.connect({
      address: env.address,
      channelArgs: { 'grpc.max_receive_message_length': 64 * 1024 * 1024 },
    });
    try {
      const page = await connection.workflowService.getWorkflowExecutionHistory({
        namespace: 'default',
        execution: { workflowId, runId },
        maximumPageSize: 1,
      });
      const started = page.history?.events?.[0]?.workflowExecutionStartedEventAttributes;
      return started?.continuedExecutionRunId || undefined;
    } finally {
      await connection.close();
    }
  }

  it('runs 5,000 applicants and 5,000 agreements through the week with bounded history', async () => {
    const recorded: RecordedFact[] = [];
    const taskQueue = 'campaign-scale-test';
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('../src/workflows'),
      activities: {
        recordCampaignFacts: async (batch: RecordedFact[]) => {
          recorded.push(...batch);
        },
      },
    });
    const ids = Array.from(
      { length: APPLICANTS },
      (_, i) => `influencer-${String(i).padStart(5, '0')}`,
    );
    const workflowId = 'campaign-5a1e0000-0000-4000-8000-000000005000';

    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(campaignWorkflow, {
        taskQueue,
        workflowId,
        args: [
          {
            campaignId: '5a1e0000-0000-4000-8000-000000005000',
            brandId: 'brand-big',
            title: 'Big launch',
            publishedBy: 'brand-user-big',
            schedule: CampaignSchedule.parse({}),
          },
        ],
      });
      const latest = () => env.client.workflow.getHandle(workflowId);
      const profile = { followers: 1_000, niches: ['lifestyle'], country: 'NL' };
      await inWaves(ids, 100, (influencerId) =>
        latest().signal('apply', { influencerId, profile }),
      );
      await env.sleep(2 * DAY);
      await latest().executeUpdate(campaignUpdateName('select'), {
        args: [{ influencerIds: ids }],
      });
      await latest().executeUpdate(campaignUpdateName('sendAgreement'), {
        args: [{ influencerIds: ids }],
      });
      await inWaves(ids, 100, (influencerId) => latest().signal('sign', { influencerId }));
      await env.sleep(5 * DAY);
      await latest().executeUpdate(campaignUpdateName('startCollaboration'), {
        args: [{ startedBy: 'brand-user-big' }],
      });

      const board = await latest().query<CampaignBoard>('board');
      expect(board.phase).toBe('collaborating');
      expect(board.group).toHaveLength(APPLICANTS);
      expect(board.agreements.accepted).toHaveLength(APPLICANTS);

      // History stayed bounded: the campaign moved through several runs, none of them large.
      const runs: number[] = [];
      let runId: string | undefined = (await latest().describe()).runId;
      while (runId) {
        const run = await env.client.workflow.getHandle(workflowId, runId).describe();
        runs.unshift(run.historyLength);
        runId = await previousRunOf(workflowId, runId);
      }
      console.log(
        `5,000-applicant campaign: ${runs.length} runs, history events per run ${runs.join(', ')}`,
      );
      expect(runs.length).toBeGreaterThan(1);
      expect(handle.firstExecutionRunId).toBeDefined();
      for (const events of runs) expect(events).toBeLessThanOrEqual(MAX_EVENTS_PER_RUN);
      await latest().terminate('test done');
    });

    const count = (type: string) => recorded.filter((entry) => entry.fact.type === type).length;
    expect(count('ApplicationReceived')).toBe(APPLICANTS);
    expect(count('AgreementSent')).toBe(APPLICANTS);
    expect(count('AgreementSigned')).toBe(APPLICANTS);
    expect(count('CampaignClosed')).toBe(1);
    expect(count('CollaborationStarted')).toBe(1);
    expect(new Set(recorded.map((entry) => entry.eventId)).size).toBe(recorded.length);
  });

  it('keeps many campaigns in flight on one worker', async () => {
    const CAMPAIGNS = 200;
    const taskQueue = 'campaign-many-test';
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('../src/workflows'),
      activities: { recordCampaignFacts: async () => {} },
      maxConcurrentWorkflowTaskExecutions: 50,
    });
    const profile = { followers: 1_000, niches: ['lifestyle'], country: 'NL' };
    await worker.runUntil(async () => {
      const boards = await Promise.all(
        Array.from({ length: CAMPAIGNS }, async (_, i) => {
          const campaignId = `ca000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
          const handle = await env.client.workflow.start(campaignWorkflow, {
            taskQueue,
            workflowId: `campaign-${campaignId}`,
            args: [
              {
                campaignId,
                brandId: `brand-${i}`,
                title: `Campaign ${i}`,
                publishedBy: `brand-user-${i}`,
                schedule: CampaignSchedule.parse({}),
              },
            ],
          });
          const act = (name: string, args: unknown) =>
            handle.executeUpdate(campaignUpdateName(name as never), { args: [args] });
          const influencerId = `influencer-of-${i}`;
          await act('apply', { influencerId, profile });
          await act('select', { influencerIds: [influencerId] });
          await act('sendAgreement', { influencerIds: [influencerId] });
          await act('sign', { influencerId });
          await handle.signal('closeEarly', { closedBy: 'ops', reason: 'load test' });
          await act('startCollaboration', { startedBy: `brand-user-${i}` });
          const board = await handle.query<CampaignBoard>('board');
          await handle.terminate('test done');
          return board;
        }),
      );
      expect(boards.filter((board) => board.phase === 'collaborating')).toHaveLength(CAMPAIGNS);
      expect(boards.every((board, i) => board.group[0] === `influencer-of-${i}`)).toBe(true);
    });
  });
});
