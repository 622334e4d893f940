import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';

export type TopicRecord = KafkaMessage & { partition: number };

/**
 * Every record a topic holds now, from its start to its end, in order per partition. kafkajs
 * reads only as a member of a consumer group, so this joins a group of its own that commits
 * nothing, and deletes it afterwards.
 */
export async function readWholeTopic(
  kafka: Kafka,
  topic: string,
  timeoutMs = 30_000,
): Promise<TopicRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const lastOffsets = new Map(
      (await admin.fetchTopicOffsets(topic))
        .filter(({ low, high }) => BigInt(high) > BigInt(low))
        .map(({ partition, high }) => [partition, BigInt(high) - 1n]),
    );
    if (lastOffsets.size === 0) return [];

    const records: TopicRecord[] = [];
    let readToEnd = () => {};
    const done = new Promise<void>((resolve) => (readToEnd = resolve));
    const groupId = `dead-letters-reader-${randomUUID()}`;
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          const last = lastOffsets.get(partition);
          if (last === undefined || BigInt(message.offset) > last) return;
          records.push({ ...message, partition });
          if (BigInt(message.offset) === last) lastOffsets.delete(partition);
          if (lastOffsets.size === 0) readToEnd();
        },
      });
      await withTimeout(done, timeoutMs, `reading ${topic}`);
    } finally {
      await consumer.disconnect();
      await admin.deleteGroups([groupId]).catch(() => {});
    }
    return records.sort(
      (a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)),
    );
  } finally {
    await admin.disconnect();
  }
}

function withTimeout(promise: Promise<void>, ms: number, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
