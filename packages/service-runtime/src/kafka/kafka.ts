import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { Logger } from '../logger';

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** A kafkajs client whose own logs go through the service's JSON logger. */
export function createKafka(clientId: string, brokers: string[], logger: Logger): Kafka {
  const kafkaLogger = logger.child({ component: 'kafka' });
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 200, retries: 10 },
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...extra } = log;
        kafkaLogger[levels[level] ?? 'info'](extra, message);
      },
  });
}

/** Creating a topic that exists is a no-op, so every process may call this at start-up. */
export async function ensureTopics(kafka: Kafka, topics: string[], partitions = 6): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: partitions })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
