import { campaignUpdateName, type CampaignBoard, CampaignSchedule } from '@campaign/contracts';
import { testEnvironment } from '@campaign/testing';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { campaignWorkflow } from '../src/workflows';

// A huge campaign through many runs is proven on the real engines
// (deploy/test/huge-campaign.int.test.ts) and measured at 100,000 applicants by `pnpm bench`.
describe('campaigns at scale (time-skipping)', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: testEnvironment().temporalTestServer } },
    });
  });

  afterAll(async () => {
    await env?.teardown();
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
