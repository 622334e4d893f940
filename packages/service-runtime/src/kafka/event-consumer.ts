import type { Consumer, Kafka } from 'kafkajs';
import type { z } from 'zod';
import type { Logger } from '../logger';

export type EventConsumerOptions<Schema extends z.ZodType> = {
  kafka: Kafka;
  groupId: string;
  topic: string;
  schema: Schema;
  logger: Logger;
  /**
   * Must be idempotent by event id: Kafka delivers at least once, so the same event can arrive
   * again after a crash or a rebalance. Throwing makes the consumer retry the message.
   */
  handle: (event: z.infer<Schema>) => Promise<void>;
};

/**
 * Consumes one topic in a consumer group. The offset is committed only after `handle` resolves,
 * so an event is never skipped; messages that are not events this consumer knows are logged and
 * passed over rather than blocking the partition.
 *
 * Returns at once: joining the group can wait on a rebalance (a member that died without leaving
 * holds its partitions until its session times out), and the service should serve meanwhile.
 * `running` settles when the consumer runs, or rejects if it could not start.
 */
export function runEventConsumer<Schema extends z.ZodType>(
  options: EventConsumerOptions<Schema>,
): { consumer: Consumer; running: Promise<void> } {
  const { kafka, groupId, topic, schema, logger, handle } = options;
  const consumer = kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    sessionTimeout: 15_000,
  });
  const running = (async () => {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message, partition }) => {
        const parsed = schema.safeParse(parseJson(message.value?.toString() ?? ''));
        if (!parsed.success) {
          logger.warn(
            { topic, partition, offset: message.offset, issues: parsed.error.issues.length },
            'skipping a message that is not a known event',
          );
          return;
        }
        await handle(parsed.data);
      },
    });
  })();
  return { consumer, running };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
