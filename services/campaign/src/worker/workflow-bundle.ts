import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { campaignWorkflowInterceptorModules, campaignWorkflowsPath } from '@campaign/workflows';
import { bundleWorkflowCode } from '@temporalio/worker';

/**
 * Bundles the campaign workflow code once, into `file`, for workers to load with
 * `WORKFLOW_BUNDLE`: a worker that is restarted (run-stack after a crash, a rolling deploy) is
 * polling again in a second or two instead of bundling its workflows anew every start.
 */
export async function writeCampaignWorkflowBundle(file: string): Promise<void> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: campaignWorkflowsPath,
    // Tracing's workflow interceptors: a worker given a bundle cannot add them later.
    workflowInterceptorModules: campaignWorkflowInterceptorModules,
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never,
  });
  await writeFile(file, code);
}

/** The name the production build gives the bundle, beside the compiled worker (`dist/`). */
export const CAMPAIGN_WORKFLOW_BUNDLE_FILE = 'campaign-workflows.js';

/**
 * The bundle written at build time beside this code, when this is the compiled worker; the worker
 * run from its TypeScript has none and bundles at start (or is given `WORKFLOW_BUNDLE`).
 */
export function builtWorkflowBundle(dir: string = __dirname): string | undefined {
  const file = path.join(dir, CAMPAIGN_WORKFLOW_BUNDLE_FILE);
  return existsSync(file) ? file : undefined;
}
