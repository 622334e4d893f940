import { AUDIENCE_REFRESH_SCHEDULE_ID, AUDIENCE_REFRESH_WORKFLOW_TYPE } from '@campaign/contracts';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { ensureRefreshSchedule } from './refresh-schedule';

/** A time of day, UTC, as `HH:MM`: when the daily audience refresh starts. */
export const TimeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (UTC)')
  .transform((value) => {
    const [hour, minute] = value.split(':').map(Number) as [number, number];
    return { hour, minute };
  });
export type TimeOfDay = z.infer<typeof TimeOfDay>;

/** The daily Schedule of the audience refresh, at this time of day (`ensureRefreshSchedule`). */
export function ensureAudienceRefreshSchedule(
  client: Client,
  options: { at: TimeOfDay; taskQueue?: string; scheduleId?: string },
): Promise<void> {
  return ensureRefreshSchedule(client, {
    scheduleId: options.scheduleId ?? AUDIENCE_REFRESH_SCHEDULE_ID,
    spec: { calendars: [{ hour: options.at.hour, minute: options.at.minute }] },
    workflowType: AUDIENCE_REFRESH_WORKFLOW_TYPE,
    ...(options.taskQueue ? { taskQueue: options.taskQueue } : {}),
    runTimeout: '1 day',
  });
}
