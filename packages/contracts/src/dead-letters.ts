import { z } from 'zod';
import { PageCursor } from './bounds';

/*
 * Parked (dead-letter) events, as ops see them over HTTP: what was parked, by which consumer group,
 * where it came from and why, never its payload (an event may name people: addresses, message
 * text). Each service lists and replays its own groups' parked events.
 */

/** A consumer group's name, as Kafka allows it in a topic name. */
export const ConsumerGroupName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "_" and "-" only');

export const DeadLetterListQuery = z
  .object({
    /** One of this service's consumer groups; all of them when not given. */
    group: ConsumerGroupName.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: PageCursor.optional(),
  })
  .strict();
export type DeadLetterListQuery = z.infer<typeof DeadLetterListQuery>;

/** Where a record is in Kafka. */
const RecordPosition = z.object({
  topic: z.string(),
  partition: z.number().int().min(0),
  offset: z.string(),
});

export const ParkedEventView = z.object({
  /** The envelope's id; null when the record is not even an event (bad JSON, no id). */
  eventId: z.string().nullable(),
  /** The envelope's type; null when it has none. */
  type: z.string().nullable(),
  /** The consumer group that parked it. */
  group: z.string(),
  /** Where it was read when it failed: the consumed topic, or the group's retry topic. */
  parkedFrom: RecordPosition,
  /** The parked record on the group's dead-letter topic. */
  deadLetter: RecordPosition,
  /** Why: an error's class and message, or why it is no event; never the payload. */
  reason: z.string(),
  /** Tries of the handler; 0 when it is no event the consumer knows. */
  attempts: z.number().int().min(0),
  parkedAt: z.iso.datetime(),
  /** When it was replayed to its group; null while it is still parked. */
  replayedAt: z.iso.datetime().nullable(),
});
export type ParkedEventView = z.infer<typeof ParkedEventView>;

export const ParkedEventPage = z.object({
  /** Oldest parked first. */
  items: z.array(ParkedEventView),
  nextCursor: z.string().nullable(),
});
export type ParkedEventPage = z.infer<typeof ParkedEventPage>;

export const ReplayParkedEventParams = z.object({ eventId: z.uuid() });

/** Which group's parking of the event to replay (an event may be parked by more than one). */
export const ReplayParkedEvent = z.object({ group: ConsumerGroupName }).strict();
export type ReplayParkedEvent = z.infer<typeof ReplayParkedEvent>;

export const ReplayAllParkedEvents = z.object({ group: ConsumerGroupName }).strict();
export type ReplayAllParkedEvents = z.infer<typeof ReplayAllParkedEvents>;

export const ReplayedParkedEvents = z.object({
  /** Those sent back to their group now, oldest first; empty when nothing was left to replay. */
  replayed: z.array(ParkedEventView),
});
export type ReplayedParkedEvents = z.infer<typeof ReplayedParkedEvents>;
