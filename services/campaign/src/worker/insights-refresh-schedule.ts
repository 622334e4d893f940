import {
  CAMPAIGN_TASK_QUEUE,
  INSIGHTS_REFRESH_SCHEDULE_ID,
  INSIGHTS_REFRESH_WORKFLOW_TYPE,
} from '@campaign/contracts';
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';

/**
 * Creates the Schedule that refreshes imported results every `everyHours`, or brings an existing
 * one to this interval: every worker does so when it starts, so the first creates it and the
 * others (and restarts) change nothing but a changed setting. A run still going when the next is
 * due is left to finish (the next is skipped).
 */
export async function ensureInsightsRefreshSchedule(
  client: Client,
  options: { everyHours: number; taskQueue?: string; scheduleId?: string },
): Promise<void> {
  const scheduleId = options.scheduleId ?? INSIGHTS_REFRESH_SCHEDULE_ID;
  const spec = { intervals: [{ every: `${options.everyHours} hours` as const }] };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: INSIGHTS_REFRESH_WORKFLOW_TYPE,
    workflowId: `${scheduleId}-run`,
    taskQueue: options.taskQueue ?? CAMPAIGN_TASK_QUEUE,
    args: [{}],
    workflowExecutionTimeout: `${options.everyHours} hours` as const,
  };
  try {
    await client.schedule.create({
      scheduleId,
      spec,
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(scheduleId).update((previous) => ({
      ...previous,
      spec,
      action,
    }));
  }
}
