// Workflow code: bundled into the worker's sandbox, so it imports only @temporalio/workflow.
import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

/** The update the raw ceiling is measured with; its handler does no work at all. */
export const touch = defineUpdate<null>('touch');

/**
 * A workflow that does nothing but answer `touch` at once: what one update costs on this
 * Temporal, with no rules, no activities and no database behind it.
 */
export async function noopWorkflow(): Promise<void> {
  setHandler(touch, () => null);
  await condition(() => false);
}
