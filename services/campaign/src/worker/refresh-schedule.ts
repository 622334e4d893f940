import { CAMPAIGN_TASK_QUEUE } from '@campaign/contracts';
import {
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleSpec,
} from '@temporalio/client';

/**
 * Creates a refresh's Schedule, or brings an existing one to this spec: every worker does so
 * when it starts, so the first creates it and the others (and restarts) change nothing but a
 * changed setting. A run still going when the next is due is left to finish (the next is
 * skipped); a missed one is caught up within the hour.
 */
export async function ensureRefreshSchedule(
  client: Client,
  schedule: {
    scheduleId: string;
    spec: ScheduleSpec;
    workflowType: string;
    taskQueue?: string;
    /** Longer than a run takes, shorter than the time between two. */
    runTimeout: `${number} ${'hours' | 'day'}`;
  },
): Promise<void> {
  const { scheduleId, spec } = schedule;
  const action = {
    type: 'startWorkflow' as const,
    workflowType: schedule.workflowType,
    workflowId: `${scheduleId}-run`,
    taskQueue: schedule.taskQueue ?? CAMPAIGN_TASK_QUEUE,
    args: [{}],
    workflowExecutionTimeout: schedule.runTimeout,
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
