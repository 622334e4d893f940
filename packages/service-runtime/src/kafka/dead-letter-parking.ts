import type { Kafka, Message } from 'kafkajs';

/**
 * Writes a consumer's parked records to its dead-letter topic. A send is acknowledged by all
 * in-sync replicas before it resolves, and the consumer commits the record's offset only after
 * that: a parked event is on disk before its place is given up. Connects on the first parking
 * (most consumers never park) and again after `disconnect`.
 */
export function deadLetterParking(kafka: Kafka, deadLetterTopic: string) {
  const producer = kafka.producer({ allowAutoTopicCreation: false, maxInFlightRequests: 1 });
  let connected: Promise<void> | undefined;
  return {
    async park(record: Message): Promise<void> {
      connected ??= producer.connect().catch((error: unknown) => {
        connected = undefined;
        throw error;
      });
      await connected;
      await producer.send({ topic: deadLetterTopic, acks: -1, messages: [record] });
    },
    async disconnect(): Promise<void> {
      if (!connected) return;
      connected = undefined;
      await producer.disconnect();
    },
  };
}
