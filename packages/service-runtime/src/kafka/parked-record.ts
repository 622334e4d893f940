import type { IHeaders, Message } from 'kafkajs';

/**
 * The format of the dead-letter topics, shared by the consumers that park and the ops command that
 * lists and replays. A parked record is the original record, key and value byte for byte and its
 * headers kept, with `parked-*` headers saying where it came from and why it was parked. A replay
 * appends a marker record (no value) naming the parked record it replayed, so the dead-letter topic
 * itself remembers what was replayed and a second replay passes over it.
 */
const PARKED = {
  reason: 'parked-reason',
  topic: 'parked-from-topic',
  partition: 'parked-from-partition',
  offset: 'parked-from-offset',
  groupId: 'parked-by-group',
  attempts: 'parked-attempts',
  at: 'parked-at',
} as const;

const REPLAYED = {
  partition: 'replayed-partition',
  offset: 'replayed-offset',
  at: 'replayed-at',
} as const;

/** On a replayed record: which dead-letter record it replays (`<topic>:<partition>:<offset>`). */
const REPLAYED_FROM = 'replayed-from';

export type Parking = {
  /** Where the record was read: the consumed topic or the group's retry topic. */
  topic: string;
  partition: number;
  offset: string;
  groupId: string;
  /** Why: an error's class and message, or why it is not an event; never the payload. */
  reason: string;
  /** Tries of the handler; 0 when the record is not an event the consumer knows. */
  attempts: number;
  at: Date;
};

export type ReceivedRecord = { key: Buffer | null; value: Buffer | null; headers?: IHeaders };

export function parkedRecord(record: ReceivedRecord, parking: Parking): Message {
  return {
    key: record.key,
    value: record.value,
    headers: {
      ...withoutOurHeaders(record.headers),
      [PARKED.reason]: parking.reason,
      [PARKED.topic]: parking.topic,
      [PARKED.partition]: String(parking.partition),
      [PARKED.offset]: parking.offset,
      [PARKED.groupId]: parking.groupId,
      [PARKED.attempts]: String(parking.attempts),
      [PARKED.at]: parking.at.toISOString(),
    },
  };
}

/** The parking a dead-letter record states; null for a replay marker. */
export function readParking(headers: IHeaders | undefined): Parking | null {
  const at = header(headers, PARKED.at);
  if (at === undefined) return null;
  return {
    topic: header(headers, PARKED.topic) ?? '',
    partition: Number(header(headers, PARKED.partition)),
    offset: header(headers, PARKED.offset) ?? '',
    groupId: header(headers, PARKED.groupId) ?? '',
    reason: header(headers, PARKED.reason) ?? '',
    attempts: Number(header(headers, PARKED.attempts)),
    at: new Date(at),
  };
}

export type DeadLetterPosition = { partition: number; offset: string };

/** The dead-letter topic's note that the parked record at `position` was replayed. */
export function replayMarker(position: DeadLetterPosition, at: Date): Message {
  return {
    key: null,
    value: null,
    headers: {
      [REPLAYED.partition]: String(position.partition),
      [REPLAYED.offset]: position.offset,
      [REPLAYED.at]: at.toISOString(),
    },
  };
}

export function readReplayMarker(
  headers: IHeaders | undefined,
): (DeadLetterPosition & { at: Date }) | null {
  const offset = header(headers, REPLAYED.offset);
  const at = header(headers, REPLAYED.at);
  if (offset === undefined || at === undefined) return null;
  return { partition: Number(header(headers, REPLAYED.partition)), offset, at: new Date(at) };
}

/** A parked record as it goes back to its group: the original record, its parking dropped. */
export function replayedRecord(
  parked: ReceivedRecord,
  from: DeadLetterPosition & { topic: string },
): Message {
  return {
    key: parked.key,
    value: parked.value,
    headers: {
      ...withoutOurHeaders(parked.headers),
      [REPLAYED_FROM]: `${from.topic}:${from.partition}:${from.offset}`,
    },
  };
}

export function header(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

const ours = new Set<string>([...Object.values(PARKED), REPLAYED_FROM]);

function withoutOurHeaders(headers: IHeaders | undefined): IHeaders {
  return Object.fromEntries(
    Object.entries(headers ?? {}).filter(([name, value]) => !ours.has(name) && value !== undefined),
  );
}
