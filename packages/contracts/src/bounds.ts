import { z } from 'zod';

/**
 * The limits every field of the API shares, declared once so the schema that validates a request,
 * the OpenAPI document and the column that stores it agree.
 */

/** The largest value a PostgreSQL `integer` column holds; counts are stored in such columns. */
export const MAX_COUNT = 2_147_483_647;

/** A count of people or interactions: followers, reach, likes, … */
export const Count = z.number().int().min(0).max(MAX_COUNT);

export const DAY_SECONDS = 24 * 60 * 60;

/**
 * The longest duration any schedule may name. A campaign's week, compressed or not, fits well
 * within a year; the bound also keeps every moment (publish + duration) a representable date.
 */
export const MAX_DURATION_SECONDS = 366 * DAY_SECONDS;

/** A duration in whole seconds, from `min` up to a year. */
export function durationSeconds(min: number) {
  return z.number().int().min(min).max(MAX_DURATION_SECONDS);
}

/**
 * A link a person will open: only http(s), so a stored link can never run script in a page
 * (`javascript:`, `data:`), and no longer than browsers and crawlers keep.
 */
export const HttpUrl = z.url({ protocol: /^https?$/ }).max(2048);

/** A page cursor: opaque, issued by the server in `nextCursor`; nothing else is accepted. */
export const PageCursor = z
  .string()
  .max(300)
  .describe(
    'Opaque and server-issued: pass back the `nextCursor` (or `olderCursor`) of the previous page unchanged. Any other value is refused with 400.',
  );
