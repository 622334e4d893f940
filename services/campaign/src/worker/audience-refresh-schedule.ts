import {
  AUDIENCE_REFRESH_SCHEDULE_ID,
  AUDIENCE_REFRESH_WORKFLOW_TYPE,
  CAMPAIGN_TASK_QUEUE,
} from '@campaign/contracts';
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { z } from 'zod';

/** A time of day, UTC, as `HH:MM`: when the daily audience refresh starts. */
export const TimeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (UTC)')
  .transform((value) => {
    const [hour, minute] = value.split(':').map(Number) as [number, number];
    return { hour, minute };
  });
export type TimeOfDay = z.infer<typeof TimeOfDay>;

/**
 * Creates the daily Schedule of the audience refresh, or brings an existing one to this time of
 * day: every worker does so when it starts, so the first creates it and the others (and restarts)
 * change nothing but a changed setting. A run still going when the next is due is left to finish
 * (the next is skipped).
 */
export async function ensureAudienceRefreshSchedule(
  client: Client,
  options: { at: TimeOfDay; taskQueue?: string; scheduleId?: string },
): Promise<void> {
  const scheduleId = options.scheduleId ?? AUDIENCE_REFRESH_SCHEDULE_ID;
  const spec = { calendars: [{ hour: options.at.hour, minute: options.at.minute }] };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: AUDIENCE_REFRESH_WORKFLOW_TYPE,
    workflowId: `${scheduleId}-run`,
    taskQueue: options.taskQueue ?? CAMPAIGN_TASK_QUEUE,
    args: [{}],
    workflowExecutionTimeout: '1 day',
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
