import {
  CampaignSchedule,
  campaignUpdateName,
  type CampaignActionArgs,
  type CampaignActionName,
  type CampaignBoard,
  type CampaignWorkflowInput,
} from '@campaign/contracts';
import { testEnvironment } from '@campaign/testing';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { RecordedFact } from '../src/workflows/activities';
import { campaignWorkflow } from '../src/workflows';

const DAY = 24 * 60 * 60 * 1000;
const qualified = { followers: 20_000, niches: ['beauty'], country: 'NL' };

// The workflow's timing and decisions on Temporal's time-skipping server. Its one activity is
// recorded in memory here; the real recording (read model + Kafka) is proven on the real engines
// by the deploy tests.
describe('campaign workflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let counter = 0;

  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: testEnvironment().temporalTestServer } },
    });
    bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../src/workflows') });
  });

  afterAll(async () => {
    await env?.teardown();
  });

  function input(
    overrides: Partial<CampaignWorkflowInput['schedule']> = {},
  ): CampaignWorkflowInput {
    counter += 1;
    return {
      campaignId: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
      brandId: 'brand-1',
      title: 'Summer glow',
      publishedBy: 'brand-user-1',
      qualifications: { minFollowers: 10_000, countries: ['NL', 'BE'] },
      storyImageUrls: [],
      schedule: CampaignSchedule.parse(overrides),
    };
  }

  /** Runs a campaign on a fresh worker, handing the scenario the handle and what was recorded. */
  async function scenario(
    campaign: CampaignWorkflowInput,
    run: (
      handle: WorkflowHandle<typeof campaignWorkflow>,
      recorded: RecordedFact[],
    ) => Promise<void>,
  ): Promise<RecordedFact[]> {
    const recorded: RecordedFact[] = [];
    const taskQueue = `campaign-test-${campaign.campaignId}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: bundle,
      activities: {
        recordCampaignFacts: async (batch: RecordedFact[]) => {
          recorded.push(...batch);
        },
      },
    });
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(campaignWorkflow, {
        taskQueue,
        workflowId: `campaign-${campaign.campaignId}`,
        args: [campaign],
      });
      await run(handle, recorded);
    });
    return recorded;
  }

  const act = <Name extends CampaignActionName>(
    handle: WorkflowHandle,
    name: Name,
    args: CampaignActionArgs<Name>,
  ) =>
    handle.executeUpdate<{ accepted: true }, [CampaignActionArgs<Name>]>(campaignUpdateName(name), {
      args: [args],
    });

  async function refusalOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
    try {
      await promise;
    } catch (error) {
      expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
      const cause = (error as WorkflowUpdateFailedError).cause as unknown as {
        type: string;
        message: string;
      };
      return { code: cause.type, message: cause.message };
    }
    throw new Error('expected the update to be refused');
  }

  const board = (handle: WorkflowHandle) => handle.query<CampaignBoard>('board');
  const timesOf = (recorded: RecordedFact[], type: string) =>
    recorded.filter((entry) => entry.fact.type === type).map((entry) => entry.fact.payload);

  it('walks a whole week: applications, pre-selection, agreements, close at exactly day 7, one start', async () => {
    const recorded = await scenario(input(), async (handle) => {
      const publishedAt = Date.parse((await board(handle)).publishedAt);
      await act(handle, 'apply', { influencerId: 'ann', profile: qualified });
      await act(handle, 'apply', { influencerId: 'cat', profile: qualified });
      await act(handle, 'apply', { influencerId: 'dan', profile: qualified });
      const unqualified = await refusalOf(
        act(handle, 'apply', { influencerId: 'bob', profile: { ...qualified, followers: 50 } }),
      );
      expect(unqualified.code).toBe('not_qualified');
      expect(unqualified.message).toContain('at least 10000 followers (you have 50)');

      await env.sleep(2 * DAY);
      await act(handle, 'select', { influencerIds: ['ann', 'cat'] });
      await act(handle, 'invite', { influencerId: 'eve', invitedBy: 'brand-user-1' });
      await env.sleep(2 * DAY);
      await act(handle, 'sendAgreement', { influencerIds: ['ann', 'cat'] });
      await act(handle, 'sign', { influencerId: 'ann' });

      const tooEarly = await refusalOf(
        act(handle, 'startCollaboration', { startedBy: 'brand-user-1' }),
      );
      expect(tooEarly.code).toBe('campaign_open');

      await env.sleep(
        publishedAt + 6 * DAY - Date.parse((await board(handle)).publishedAt) - 4 * DAY,
      );
      const closed = await board(handle);
      expect(closed.phase).toBe('closed');
      expect(Date.parse(closed.closedAt!) - publishedAt).toBe(6 * DAY);
      expect(
        (await refusalOf(act(handle, 'apply', { influencerId: 'fay', profile: qualified }))).code,
      ).toBe('campaign_closed');

      await act(handle, 'startCollaboration', { startedBy: 'brand-user-1' });
      const again = await refusalOf(
        act(handle, 'startCollaboration', { startedBy: 'brand-user-1' }),
      );
      expect(again.code).toBe('collaboration_started');
      expect((await board(handle)).group).toEqual(['ann']);
      await handle.terminate('test done');
    });

    const types = recorded.map((entry) => entry.fact.type);
    expect(types.filter((type) => type === 'CollaborationStarted')).toHaveLength(1);
    const [published] = timesOf(recorded, 'CampaignPublished') as { publishedAt: string }[];
    const t0 = Date.parse(published!.publishedAt);
    const [story] = timesOf(recorded, 'CampaignStoryDue') as { dueAt: string }[];
    expect(Date.parse(story!.dueAt) - t0).toBe(5 * 60 * 1000);
    const [reminder] = timesOf(recorded, 'SelectionReminderDue') as {
      dueAt: string;
      brandUserId: string;
    }[];
    expect(Date.parse(reminder!.dueAt) - t0).toBe(4 * DAY);
    expect(reminder!.brandUserId).toBe('brand-user-1');
    const [closed] = timesOf(recorded, 'CampaignClosed') as { closedAt: string; reason: string }[];
    expect(closed).toMatchObject({ reason: 'schedule' });
    expect(Date.parse(closed!.closedAt) - t0).toBe(6 * DAY);
    const [started] = timesOf(recorded, 'CollaborationStarted');
    expect(started).toMatchObject({ groupSize: 1, passedOver: 3, lapsed: 1 });
    // The people follow in parts: congratulations, bummers, lapsed agreements.
    expect(timesOf(recorded, 'CollaboratorsJoined')).toMatchObject([{ influencerIds: ['ann'] }]);
    expect(timesOf(recorded, 'InfluencersPassedOver')).toMatchObject([
      { influencerIds: ['cat', 'dan', 'eve'] },
    ]);
    expect(timesOf(recorded, 'AgreementsLapsed')).toMatchObject([{ influencerIds: ['cat'] }]);
    expect(timesOf(recorded, 'AgreementExpired')).toHaveLength(0);
    // Every recorded fact has its own event id.
    expect(new Set(recorded.map((entry) => entry.eventId)).size).toBe(recorded.length);
  });

  it('reminds before and expires an unsigned agreement at exactly 3 days', async () => {
    const recorded = await scenario(input(), async (handle) => {
      await act(handle, 'apply', { influencerId: 'ann', profile: qualified });
      await act(handle, 'select', { influencerIds: ['ann'] });
      await act(handle, 'sendAgreement', { influencerIds: ['ann'] });
      await env.sleep(3 * DAY + 1000);
      const current = await board(handle);
      expect(current.agreements.expired).toEqual(['ann']);
      expect((await refusalOf(act(handle, 'sign', { influencerId: 'ann' }))).code).toBe(
        'agreement_expired',
      );
      await handle.terminate('test done');
    });
    const [sent] = timesOf(recorded, 'AgreementSent') as { sentAt: string; deadline: string }[];
    const sentAt = Date.parse(sent!.sentAt);
    expect(Date.parse(sent!.deadline) - sentAt).toBe(3 * DAY);
    const [reminder] = timesOf(recorded, 'AgreementReminderDue') as { dueAt: string }[];
    expect(Date.parse(reminder!.dueAt) - sentAt).toBe(2 * DAY);
    const [expired] = timesOf(recorded, 'AgreementExpired') as {
      at: string;
      influencerId: string;
    }[];
    expect(expired!.influencerId).toBe('ann');
    expect(Date.parse(expired!.at) - sentAt).toBe(3 * DAY);
  });

  it('closes early on the signal ops send by name, which makes start collaboration available', async () => {
    const recorded = await scenario(input(), async (handle) => {
      await act(handle, 'apply', { influencerId: 'ann', profile: qualified });
      await act(handle, 'select', { influencerIds: ['ann'] });
      await act(handle, 'sendAgreement', { influencerIds: ['ann'] });
      await act(handle, 'sign', { influencerId: 'ann' });
      // As `temporal workflow signal --name closeEarly --input '{…}'` sends it: a name and JSON.
      await env.client.workflow
        .getHandle(handle.workflowId)
        .signal('closeEarly', { closedBy: 'ops-layla', reason: 'the brand asked to start sooner' });
      await act(handle, 'startCollaboration', { startedBy: 'brand-user-1' });
      expect((await board(handle)).group).toEqual(['ann']);
      await handle.terminate('test done');
    });
    const [closed] = timesOf(recorded, 'CampaignClosed');
    expect(closed).toMatchObject({
      reason: 'ops',
      closedBy: 'ops-layla',
      note: 'the brand asked to start sooner',
    });
  });

  it('keeps a refused signal out of the state and shows it on the board', async () => {
    await scenario(input(), async (handle) => {
      await handle.signal('apply', {
        influencerId: 'bob',
        profile: { ...qualified, country: 'FR' },
      });
      await handle.signal('sign', { nonsense: true });
      const current = await board(handle);
      expect(current.applicants.pending).toEqual([]);
      expect(current.recentRefusals.map((entry) => entry.refusal.code)).toEqual([
        'not_qualified',
        'invalid_input',
      ]);
      await handle.terminate('test done');
    });
  });
});
