import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { campaignWorkflowInterceptorModules } from '../src';

// Campaigns run for a week or more, so a deploy meets workflows started by older code. Replaying
// their recorded histories against today's workflow code fails on any change that would break
// them (a reordered activity, a new timer, a changed decision) before it reaches production.
describe('campaign workflow replay', () => {
  const dir = path.join(__dirname, 'histories');
  const files = readdirSync(dir).filter((file) => file.endsWith('.json'));

  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  it('replays every recorded campaign history deterministically', async () => {
    const histories = files.map((file) => ({
      workflowId: path.basename(file, '.json'),
      history: historyFromJSON(JSON.parse(readFileSync(path.join(dir, file), 'utf8'))),
    }));
    const results = [];
    for await (const result of Worker.runReplayHistories(
      // With the interceptors every worker bundles (tracing): they must not change a command.
      {
        workflowsPath: require.resolve('../src/workflows'),
        interceptors: { workflowModules: campaignWorkflowInterceptorModules },
      },
      histories,
    )) {
      results.push({ workflowId: result.workflowId, error: result.error?.message });
    }
    expect(results).toEqual(histories.map(({ workflowId }) => ({ workflowId, error: undefined })));
  });
});
