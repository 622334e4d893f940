import { INSIGHTS_REFRESH_SCHEDULE_ID, INSIGHTS_REFRESH_WORKFLOW_TYPE } from '@campaign/contracts';
import type { Client } from '@temporalio/client';
import { ensureRefreshSchedule } from './refresh-schedule';

/** The Schedule that refreshes imported results every `everyHours` (`ensureRefreshSchedule`). */
export function ensureInsightsRefreshSchedule(
  client: Client,
  options: { everyHours: number; taskQueue?: string; scheduleId?: string },
): Promise<void> {
  return ensureRefreshSchedule(client, {
    scheduleId: options.scheduleId ?? INSIGHTS_REFRESH_SCHEDULE_ID,
    spec: { intervals: [{ every: `${options.everyHours} hours` }] },
    workflowType: INSIGHTS_REFRESH_WORKFLOW_TYPE,
    ...(options.taskQueue ? { taskQueue: options.taskQueue } : {}),
    runTimeout: `${options.everyHours} hours`,
  });
}
