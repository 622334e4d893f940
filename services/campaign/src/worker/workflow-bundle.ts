import { writeFile } from 'node:fs/promises';
import { campaignWorkflowsPath } from '@campaign/workflows';
import { bundleWorkflowCode } from '@temporalio/worker';

/**
 * Bundles the campaign workflow code once, into `file`, for workers to load with
 * `WORKFLOW_BUNDLE`: a worker that is restarted (run-stack after a crash, a rolling deploy) is
 * polling again in a second or two instead of bundling its workflows anew every start.
 */
export async function writeCampaignWorkflowBundle(file: string): Promise<void> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: campaignWorkflowsPath,
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never,
  });
  await writeFile(file, code);
}
