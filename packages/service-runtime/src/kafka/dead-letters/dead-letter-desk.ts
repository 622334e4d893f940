import type { ParkedEventView } from '@campaign/contracts';
import type { Kafka } from 'kafkajs';
import { listParkedEvents, type ParkedEvent } from './parked-events';
import { sendParkedEventsBack } from './replay-parked-events';

/**
 * A service's parked events, for its ops routes: only the consumer groups the service runs, and a
 * replay at a time per group in this process, so two ops pressing Replay at once replay an event
 * once (across replicas, the group's handler, idempotent by event id, absorbs a second delivery).
 */
export type DeadLetterDesk = {
  /** The consumer groups whose dead-letter topics this service answers for. */
  readonly groups: readonly string[];
  list(groupId?: string): Promise<ParkedEventView[]>;
  /** Replays the group's parkings of the event still parked: `replayed`, or why none was. */
  replayOne(groupId: string, eventId: string): Promise<ReplayOutcome>;
  /** Replays every event the group still has parked; none when all were replayed already. */
  replayAll(groupId: string): Promise<ParkedEventView[]>;
};

export type ReplayOutcome =
  | { outcome: 'replayed'; replayed: ParkedEventView[] }
  | { outcome: 'not-parked' }
  | { outcome: 'already-replayed'; replayedAt: string };

export function deadLetterDesk(kafka: Kafka, groups: readonly string[]): DeadLetterDesk {
  const replaying = new Map<string, Promise<unknown>>();
  /** Runs `work` after every replay of the group this process started before it. */
  function oneAtATime<T>(groupId: string, work: () => Promise<T>): Promise<T> {
    const before = replaying.get(groupId) ?? Promise.resolve();
    const done = before.catch(() => {}).then(work);
    replaying.set(groupId, done);
    void done
      .finally(() => {
        if (replaying.get(groupId) === done) replaying.delete(groupId);
      })
      .catch(() => {});
    return done;
  }
  const parkedOf = (groupId: string) => listParkedEvents(kafka, { groupId });

  return {
    groups,
    async list(groupId) {
      const parked = await listParkedEvents(kafka, groupId ? { groupId } : { groupIds: groups });
      return parked.map(parkedEventView).sort(inListOrder);
    },
    replayOne(groupId, eventId) {
      return oneAtATime(groupId, async (): Promise<ReplayOutcome> => {
        const parkings = (await parkedOf(groupId)).filter((parked) => parked.eventId === eventId);
        if (parkings.length === 0) return { outcome: 'not-parked' };
        const pending = parkings.filter((parked) => !parked.replayedAt);
        if (pending.length === 0) {
          const last = parkings
            .map((parked) => parked.replayedAt!.getTime())
            .sort()
            .at(-1)!;
          return { outcome: 'already-replayed', replayedAt: new Date(last).toISOString() };
        }
        const replayed = await sendParkedEventsBack(kafka, pending);
        return { outcome: 'replayed', replayed: replayed.map(parkedEventView) };
      });
    },
    replayAll(groupId) {
      return oneAtATime(groupId, async () => {
        const pending = (await parkedOf(groupId)).filter((parked) => !parked.replayedAt);
        return (await sendParkedEventsBack(kafka, pending)).map(parkedEventView);
      });
    },
  };
}

/** What ops see of a parked event: what, whose, where and why, never the payload. */
export function parkedEventView(parked: ParkedEvent): ParkedEventView {
  return {
    eventId: parked.eventId,
    type: parked.type,
    group: parked.groupId,
    parkedFrom: {
      topic: parked.parking.topic,
      partition: parked.parking.partition,
      offset: parked.parking.offset,
    },
    deadLetter: {
      topic: parked.deadLetterTopic,
      partition: parked.partition,
      offset: parked.offset,
    },
    reason: parked.parking.reason,
    attempts: parked.parking.attempts,
    parkedAt: instant(parked.parking.at),
    replayedAt: parked.replayedAt ? instant(parked.replayedAt) : null,
  };
}

/** A header's time; one no consumer of ours wrote (unreadable) lists as the epoch, not a 500. */
function instant(at: Date): string {
  return Number.isNaN(at.getTime()) ? new Date(0).toISOString() : at.toISOString();
}

/** A parked record's own place in Kafka: unique, so it orders the list after the parking time. */
export function deadLetterPosition(view: ParkedEventView): string {
  const { topic, partition, offset } = view.deadLetter;
  return `${topic}:${partition}:${offset.padStart(20, '0')}`;
}

function inListOrder(a: ParkedEventView, b: ParkedEventView): number {
  const byTime = a.parkedAt.localeCompare(b.parkedAt);
  if (byTime !== 0) return byTime;
  const [x, y] = [deadLetterPosition(a), deadLetterPosition(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}
