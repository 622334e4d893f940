import type { Kafka } from 'kafkajs';
import { consumerGroupTopics } from '../dead-letter-topics';
import { replayMarker, replayedRecord } from '../parked-record';
import { listParkedEvents, type ParkedEvent } from './parked-events';

/**
 * Sends a group's parked events back to that group, each once: to the group's retry topic, which
 * only that group consumes (the other groups handled the event long ago, and the producer's topic
 * stays the producer's), then a marker on the dead-letter topic so no later replay sends it again.
 * The marker is written after the replay is acknowledged: a crash between the two can replay an
 * event twice, which the group's handler, idempotent by event id, absorbs; it never loses one.
 */
export async function replayParkedEvents(
  kafka: Kafka,
  which: { groupId: string; eventId?: string },
): Promise<ParkedEvent[]> {
  const pending = (await listParkedEvents(kafka, { groupId: which.groupId })).filter(
    (parked) => !parked.replayedAt && (!which.eventId || parked.eventId === which.eventId),
  );
  return sendParkedEventsBack(kafka, pending);
}

/** Replays parked events already read (none of them replayed yet), oldest first; returns them. */
export async function sendParkedEventsBack(
  kafka: Kafka,
  pending: ParkedEvent[],
): Promise<ParkedEvent[]> {
  if (pending.length === 0) return [];
  const producer = kafka.producer({ allowAutoTopicCreation: false, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    // Oldest first, so one campaign's replayed events keep the order they were parked in.
    for (const parked of pending) {
      const { retries } = consumerGroupTopics(parked.topic, parked.groupId);
      const from = { topic: parked.deadLetterTopic, partition: parked.partition };
      await producer.send({
        topic: retries,
        acks: -1,
        messages: [replayedRecord(parked.record, { ...from, offset: parked.offset })],
      });
      await producer.send({
        topic: parked.deadLetterTopic,
        acks: -1,
        messages: [
          replayMarker({ partition: parked.partition, offset: parked.offset }, new Date()),
        ],
      });
    }
  } finally {
    await producer.disconnect();
  }
  return pending;
}
