import { testEnvironment } from '@campaign/testing';
import type { CampaignWorkflowInput } from '@campaign/contracts';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type {
  CampaignActivities,
  RecordClosedInput,
  RecordPublishedInput,
} from '../src/activities/campaign-activities';
import { campaignWorkflow } from '../src/workflows';

const DAY_MS = 24 * 60 * 60 * 1000;

// Activities are recorded in memory here: this proves the workflow's timing and decisions. The
// real activities (read model + Kafka) are proven by the publish slice test on the real engines.
type Recorded =
  { kind: 'published'; input: RecordPublishedInput } | { kind: 'closed'; input: RecordClosedInput };

describe('campaign workflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: testEnvironment().temporalTestServer } },
    });
  });

  afterAll(async () => {
    await env?.teardown();
  });

  function recordingActivities(recorded: Recorded[]): CampaignActivities {
    return {
      recordPublished: async (input) => {
        recorded.push({ kind: 'published', input });
      },
      recordClosed: async (input) => {
        recorded.push({ kind: 'closed', input });
      },
    };
  }

  const input = (campaignId: string): CampaignWorkflowInput => ({
    campaignId,
    brandId: 'brand-1',
    title: 'Summer glow',
    publishedBy: 'user-1',
    schedule: {
      storyDelaySeconds: 300,
      newsletterTimeUtc: '18:00',
      selectionReminderAfterSeconds: 4 * 24 * 3600,
      closeAfterSeconds: 6 * 24 * 3600,
      agreementWindowSeconds: 3 * 24 * 3600,
      agreementReminderBeforeSeconds: 24 * 3600,
    },
  });

  it('records the publish at once and closes the campaign at exactly the start of day 7', async () => {
    const recorded: Recorded[] = [];
    const taskQueue = 'campaign-workflow-test';
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('../src/workflows'),
      activities: recordingActivities(recorded),
    });
    const campaignId = '8a3c1f0e-1111-4c1e-9f0a-1b2c3d4e5f60';

    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(campaignWorkflow, {
        taskQueue,
        workflowId: `campaign-${campaignId}`,
        args: [input(campaignId)],
      });
      await env.sleep(6 * DAY_MS - 60_000);
      expect(recorded.map((entry) => entry.kind)).toEqual(['published']);
      await handle.result();
    });

    expect(recorded.map((entry) => entry.kind)).toEqual(['published', 'closed']);
    const [published, closed] = recorded as [
      Extract<Recorded, { kind: 'published' }>,
      Extract<Recorded, { kind: 'closed' }>,
    ];
    const publishedAt = Date.parse(published.input.publishedAt);
    expect(Date.parse(published.input.closesAt) - publishedAt).toBe(6 * DAY_MS);
    expect(Date.parse(closed.input.closedAt) - publishedAt).toBe(6 * DAY_MS);
    expect(closed.input.reason).toBe('schedule');
    expect(published.input).toMatchObject({
      campaignId,
      brandId: 'brand-1',
      title: 'Summer glow',
      publishedBy: 'user-1',
    });
    // Each fact carries its own event id, chosen by the workflow so that retries reuse it.
    expect(published.input.eventId).not.toEqual(closed.input.eventId);
  });
});
