import { randomUUID } from 'node:crypto';
import { CampaignEvent } from '@campaign/contracts';
import type { Kafka } from 'kafkajs';

/** Every campaign event a topic carries, in the order each partition holds them, as they come. */
export async function readTopic(kafka: Kafka, topic: string) {
  const seen: CampaignEvent[] = [];
  const consumer = kafka.consumer({ groupId: `topic-reader-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      seen.push(CampaignEvent.parse(JSON.parse(message.value!.toString())));
    },
  });
  return { seen, stop: () => consumer.disconnect() };
}
