import { parseDeadLetterTopic } from '../dead-letter-topics';
import {
  header,
  readParking,
  readReplayMarker,
  type Parking,
  type ReceivedRecord,
} from '../parked-record';
import type { Kafka } from 'kafkajs';
import { readWholeTopic, type TopicRecord } from './read-topic';

export type ParkedEvent = {
  /** The consumer group that parked it, and the topic that group consumes. */
  groupId: string;
  topic: string;
  /** Where the parked record is. */
  deadLetterTopic: string;
  partition: number;
  offset: string;
  eventId: string | null;
  type: string | null;
  parking: Parking;
  replayedAt: Date | null;
  /** The original record, for a replay; never shown (its payload may name people). */
  record: ReceivedRecord;
};

/**
 * Every parked event on the dead-letter topics (of one group, or of some groups, if asked), oldest
 * first.
 */
export async function listParkedEvents(
  kafka: Kafka,
  filter: { groupId?: string; groupIds?: readonly string[] } = {},
): Promise<ParkedEvent[]> {
  const admin = kafka.admin();
  await admin.connect();
  const topics = await admin.listTopics().finally(() => admin.disconnect());
  const deadLetterTopics = topics.flatMap((name) => {
    const parsed = parseDeadLetterTopic(name);
    return parsed &&
      (!filter.groupId || parsed.groupId === filter.groupId) &&
      (!filter.groupIds || filter.groupIds.includes(parsed.groupId))
      ? [{ name, ...parsed }]
      : [];
  });
  const perTopic = await Promise.all(
    deadLetterTopics.map(async ({ name, topic, groupId }) =>
      parkedEventsOf(await readWholeTopic(kafka, name), { deadLetterTopic: name, topic, groupId }),
    ),
  );
  return perTopic.flat().sort((a, b) => a.parking.at.getTime() - b.parking.at.getTime());
}

function parkedEventsOf(
  records: TopicRecord[],
  where: { deadLetterTopic: string; topic: string; groupId: string },
): ParkedEvent[] {
  const replayed = new Map<string, Date>();
  for (const { headers } of records) {
    const marker = readReplayMarker(headers);
    if (marker) replayed.set(`${marker.partition}:${marker.offset}`, marker.at);
  }
  return records.flatMap((record) => {
    const parking = readParking(record.headers);
    if (!parking) return [];
    const { eventId, type } = identify(record);
    return [
      {
        ...where,
        partition: record.partition,
        offset: record.offset,
        eventId,
        type,
        parking,
        replayedAt: replayed.get(`${record.partition}:${record.offset}`) ?? null,
        record: { key: record.key, value: record.value, headers: record.headers },
      },
    ];
  });
}

/** The envelope's id and type, read from the value or else the publisher's headers. */
function identify(record: TopicRecord): { eventId: string | null; type: string | null } {
  let envelope: { id?: unknown; type?: unknown } = {};
  try {
    const parsed: unknown = JSON.parse(record.value?.toString('utf8') ?? '');
    if (typeof parsed === 'object' && parsed !== null) envelope = parsed;
  } catch {
    // Parked because it is no JSON: the headers may still say what it was.
  }
  const text = (value: unknown) =>
    typeof value === 'string' && value.length <= 100 ? value : undefined;
  return {
    eventId: text(envelope.id) ?? header(record.headers, 'event-id') ?? null,
    type: text(envelope.type) ?? header(record.headers, 'event-type') ?? null,
  };
}
