import {
  traceColumns,
  traceOfColumns,
  type PublishableEvent,
  type TraceContext,
} from '@campaign/service-runtime';
import { Prisma } from '../generated/prisma/client';
import type { CampaignDb } from './prisma-client';

type Tx = Prisma.TransactionClient;

/**
 * Advisory lock spaces of the outbox, keyed by a hash of the subject (a campaign, or an
 * influencer for their profile's events). They are apart so a relay stuck sending to Kafka never
 * holds up a recording. A hash collision only makes two subjects share a lock: slower, never out
 * of order.
 */
const RECORDING_LOCK = 0x0c0e0001;
const RELAY_LOCK = 0x0c0e0002;

/** An event as the outbox keeps it, with the topic it is sent to and the trace it was recorded in. */
export type OutgoingEvent = { topic: string; event: PublishableEvent; trace: TraceContext | null };

/**
 * Takes the recording locks of these subjects (a campaign, an influencer) until the transaction
 * ends. Taken again later in the same transaction, it is already held.
 */
export async function lockSubjects(tx: Tx, subjects: string[]): Promise<void> {
  for (const subject of [...new Set(subjects)].sort()) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${RECORDING_LOCK}::int, hashtext(${subject}))`;
  }
}

/**
 * Stores events in the transaction that records their facts. Recordings of one subject are
 * serialized (a timed-out attempt may still be committing while its retry runs), so `position`
 * order per subject is commit order, and a relay never meets a gap that a slower transaction
 * fills later. A retried recording inserts nothing: the event id is the key. Each row keeps the
 * active trace context (the recording activity's span), which the relay sends as Kafka headers.
 */
export async function storeOutgoingEvents(
  tx: Tx,
  topic: string,
  events: PublishableEvent[],
): Promise<void> {
  await lockSubjects(
    tx,
    events.map((event) => event.subject),
  );
  const trace = traceColumns();
  await tx.campaignEventOutbox.createMany({
    data: events.map((event) => ({
      eventId: event.id,
      subject: event.subject,
      topic,
      envelope: event as unknown as Prisma.InputJsonObject,
      ...trace,
    })),
    skipDuplicates: true,
  });
}

export type CampaignEventOutbox = ReturnType<typeof createCampaignEventOutbox>;

export function createCampaignEventOutbox(db: CampaignDb) {
  return {
    /**
     * Sends up to `limit` owed events and marks them published, in one transaction; returns how
     * many were sent. Safe with any number of relays:
     * - A relay takes a subject only with its transaction-scoped advisory lock, so one relay at a
     *   time sends a subject's events; it keeps the lock until the commit that marks them sent.
     * - It reads the subject's rows after taking the lock, in a statement of its own: at READ
     *   COMMITTED that statement sees what the previous holder marked, so nothing is sent twice.
     * - It sends a prefix of the subject's owed rows in `position` order and marks them only once
     *   Kafka acknowledged them all, so the next holder's sends land after them on the partition.
     * A failed send or a crash before the commit leaves the rows owed (at least once, same ids).
     */
    publishOwed(
      limit: number,
      publish: (events: OutgoingEvent[]) => Promise<void>,
    ): Promise<number> {
      return db.$transaction(
        async (tx) => {
          // The subjects owed longest, less those another relay holds. The LIMIT stays inside
          // the CTE so only those few are locked; a held subject is simply skipped this round.
          const held = await tx.$queryRaw<{ subject: string }[]>`
            WITH owed AS (
              SELECT subject, min(position) AS first FROM campaign_event_outbox
              WHERE published_at IS NULL GROUP BY subject ORDER BY first LIMIT ${limit}
            )
            SELECT subject FROM owed
            WHERE pg_try_advisory_xact_lock(${RELAY_LOCK}::int, hashtext(subject))`;
          if (held.length === 0) return 0;
          const rows = await tx.campaignEventOutbox.findMany({
            where: { publishedAt: null, subject: { in: held.map((row) => row.subject) } },
            orderBy: { position: 'asc' },
            take: limit,
            select: {
              eventId: true,
              topic: true,
              envelope: true,
              traceParent: true,
              traceState: true,
            },
          });
          if (rows.length === 0) return 0;
          await publish(
            rows.map((row) => ({
              topic: row.topic,
              event: row.envelope as PublishableEvent,
              trace: traceOfColumns(row),
            })),
          );
          await tx.campaignEventOutbox.updateMany({
            where: { eventId: { in: rows.map((row) => row.eventId) } },
            data: { publishedAt: new Date() },
          });
          return rows.length;
        },
        { isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted, timeout: 30_000 },
      );
    },

    /** Deletes up to `limit` events published before `before`; returns how many. */
    forgetPublishedBefore(before: Date, limit = 1_000): Promise<number> {
      return db.$executeRaw`
        DELETE FROM campaign_event_outbox WHERE event_id IN (
          SELECT event_id FROM campaign_event_outbox WHERE published_at < ${before} LIMIT ${limit}
        )`;
    },
  };
}
