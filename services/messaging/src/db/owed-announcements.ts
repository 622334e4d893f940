import { traceOfColumns, type TraceColumns, type TracedEvent } from '@campaign/service-runtime';
import type { Prisma } from '../generated/prisma/client';
import type { MessagingDb } from './prisma-client';

type Tx = Prisma.TransactionClient;

/** How one kind of message is its own outbox: which rows are owed, how they read and are marked. */
export type OwedMessages<Row extends TraceColumns, Event> = {
  /** Locks up to `limit` owed rows, oldest first, skipping those another relay holds. */
  claim(tx: Tx, limit: number): Promise<{ id: string }[]>;
  load(tx: Tx, ids: string[]): Promise<Row[]>;
  markAnnounced(tx: Tx, ids: string[]): Promise<unknown>;
  toEvent(row: Row): Event;
};

/**
 * Announces up to `limit` owed messages, oldest first, and marks them, in one transaction that
 * holds their rows: replicas of the relay skip rows another one is announcing, and a failed
 * publish leaves them owed. The event id is the message id, so announcing twice (a crash after
 * publishing, before the commit) is harmless. Returns how many were announced. Each event goes
 * with the trace context its message was posted in (the post's request), for the Kafka headers.
 */
export function announceOwed<Row extends TraceColumns, Event extends TracedEvent['event']>(
  db: MessagingDb,
  owed: OwedMessages<Row, Event>,
  limit: number,
  publish: (events: TracedEvent[]) => Promise<void>,
): Promise<number> {
  return db.$transaction(
    async (tx) => {
      const claimed = await owed.claim(tx, limit);
      if (claimed.length === 0) return 0;
      const ids = claimed.map((row) => row.id);
      const rows = await owed.load(tx, ids);
      await publish(rows.map((row) => ({ event: owed.toEvent(row), trace: traceOfColumns(row) })));
      await owed.markAnnounced(tx, ids);
      return rows.length;
    },
    { timeout: 30_000 },
  );
}

const PREVIEW_LENGTH = 140;

/** What an announcement shows of a message: its start, not the whole text. */
export function preview(body: string): string {
  return body.length <= PREVIEW_LENGTH ? body : `${body.slice(0, PREVIEW_LENGTH - 1)}…`;
}

export function senderRole(role: string): 'brand' | 'influencer' | 'ops' {
  return role === 'influencer' || role === 'ops' ? role : 'brand';
}
