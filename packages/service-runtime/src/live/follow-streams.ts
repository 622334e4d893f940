import type { Request, Response } from 'express';
import type { Logger } from '../logger';
import { reserveEventStream, wantsLiveStream, type EventStream } from '../http/event-stream';
import { HttpProblem } from '../http/problem';
import type { StreamListener } from './stream-listener';

/** One row of a stream, at its position, as the event it becomes. */
export type StreamRow = { position: number; event: string; data: unknown };

/**
 * The streams one client follows at once (an inbox; a brand user's own inbox and their team's; a
 * conversation), each a durable sequence of rows numbered by a position that only grows and that
 * is assigned in commit order (see the tables' triggers): a reader that has seen position N has
 * seen every committed row at or below it, so "the rows after N" is exactly what it missed.
 */
export type FollowedStreams = {
  /** The stream keys (as the triggers notify them), in the order of the event id's parts. */
  keys: string[];
  /** The position each stream has reached (0 for one that has no rows yet). */
  heads: () => Promise<number[]>;
  /** Up to `limit` rows of stream `index` after `position`, in position order. */
  after: (index: number, position: number, limit: number) => Promise<StreamRow[]>;
};

/** Rows read per round; a stream with more backlog goes round again before it waits. */
const BATCH = 100;

/** The event id after a row: every stream's position, joined by dots. */
export function streamEventId(positions: number[]): string {
  return positions.join('.');
}

/**
 * Answers a request to follow `streams` as Server-Sent Events: from the position the client names
 * (`Last-Event-ID`, else `?after=`), every row after it in order, then each new row as it commits,
 * on whatever replica wrote it; from the current position when it names none. A `ready` event
 * (its id the position reached) marks the end of the backlog. The id of each event is the position
 * after it, so a client that reconnects with the last id it saw gets exactly what it missed.
 *
 * No gap, no repeat: the stream subscribes before it reads anything, so a row that commits while
 * the backlog is read wakes it again, and it sends only rows past its own position, which it
 * advances as it sends. Reads are serialised per stream (a wake during a read runs one more read).
 */
export async function followStreams(options: {
  req: Request;
  res: Response;
  listener: StreamListener | undefined;
  streams: FollowedStreams;
  /** The resume position the client sent, already well-formed (`StreamPosition`), and where. */
  resume: { value: string; from: 'header.last-event-id' | 'query.after' } | undefined;
  logger: Logger;
}): Promise<void> {
  const { req, res, listener, streams, resume, logger } = options;
  const live = wantsLiveStream(req);
  if (live && !listener?.connected) {
    // Without the listening connection, live rows would arrive only at its reconnect: the client
    // is told to come back rather than be left waiting without knowing.
    throw new HttpProblem(
      503,
      'Service unavailable',
      'Live updates are unavailable for a moment; retry shortly.',
    );
  }
  const reservation = reserveEventStream(req);
  let dirty = true;
  let wake: (() => void) | undefined;
  const unsubscribe = live
    ? streams.keys.map((key) =>
        listener!.subscribe(key, () => {
          dirty = true;
          wake?.();
        }),
      )
    : [];
  const stopFollowing = () => {
    for (const stop of unsubscribe) stop();
  };

  let cursor: number[];
  let stream: EventStream;
  try {
    const heads = await streams.heads();
    cursor = resume ? resumePosition(resume, heads) : heads;
    stream = reservation.open(res);
  } catch (error) {
    stopFollowing();
    reservation.release();
    throw error;
  }
  stream.onClose(() => {
    stopFollowing();
    wake?.();
  });

  const drain = async () => {
    while (dirty && !stream.closed) {
      dirty = false;
      for (let index = 0; index < streams.keys.length && !stream.closed; index += 1) {
        const rows = await streams.after(index, cursor[index]!, BATCH);
        for (const row of rows) {
          if (row.position <= cursor[index]!) continue;
          cursor[index] = row.position;
          await stream.send({ id: streamEventId(cursor), event: row.event, data: row.data });
        }
        if (rows.length >= BATCH) dirty = true;
      }
    }
  };

  try {
    await drain();
    await stream.send({ id: streamEventId(cursor), event: 'ready', data: { live } });
    if (!live) {
      stream.end();
      return;
    }
    while (!stream.closed) {
      if (!dirty) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
      await drain();
    }
  } catch (error) {
    // A read failed mid-stream (the database went away): the stream ends, and the client's
    // reconnect with its last id resumes exactly, here or on another replica.
    logger.warn({ err: error }, 'live stream ended by a failed read');
    stream.end();
  }
}

/** The client's position, checked against the streams: a position no stream reached is forged. */
function resumePosition(
  resume: { value: string; from: 'header.last-event-id' | 'query.after' },
  heads: number[],
): number[] {
  const parts = resume.value.split('.').map(Number);
  const refuse = (message: string) =>
    new HttpProblem(
      400,
      'Invalid request',
      `${resume.from === 'header.last-event-id' ? 'Last-Event-ID' : 'The query parameter after'} is not an event id of this stream.`,
      [{ path: resume.from, message, code: 'invalid_event_id' }],
    );
  if (parts.length !== heads.length) {
    throw refuse(`must hold ${heads.length} position(s), as the ids this stream sends do`);
  }
  if (parts.some((part, index) => part > heads[index]!)) {
    throw refuse('is past the last event of this stream: not an id it sent');
  }
  return parts;
}
