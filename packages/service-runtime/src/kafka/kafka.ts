import { Kafka, logLevel, type Admin, type KafkaConfig, type LogEntry } from 'kafkajs';
import type { Logger } from '../logger';

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * How many copies of each partition the topics this client creates keep: the cluster's, kept
 * with the client so every topic it makes (dead letters and retries too) gets the same.
 */
const topicReplication = new WeakMap<Kafka, number>();

/**
 * A kafkajs client whose own logs go through the service's JSON logger. `retries` is how often a
 * request is retried (with backoff) before it fails: fewer for a caller with its own retry loop.
 * `connection` is TLS and SASL for a managed cluster (`kafkaConnection`). `replicationFactor` is
 * how many copies of a partition the topics it creates keep (`KAFKA_REPLICATION_FACTOR`): 1 on one
 * broker, 3 on a cluster of three.
 */
export function createKafka(
  clientId: string,
  brokers: string[],
  logger: Logger,
  {
    retries = 10,
    connection = {},
    replicationFactor = 1,
  }: {
    retries?: number;
    connection?: Pick<KafkaConfig, 'ssl' | 'sasl'>;
    replicationFactor?: number;
  } = {},
): Kafka {
  const kafkaLogger = logger.child({ component: 'kafka' });
  const kafka = new Kafka({
    clientId,
    brokers,
    ...connection,
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 200, retries },
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...extra } = log;
        kafkaLogger[levels[level] ?? 'info'](extra, message);
      },
  });
  topicReplication.set(kafka, replicationFactor);
  return kafka;
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
        waitForLeaders: false,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: partitions,
          replicationFactor: topicReplication.get(kafka) ?? 1,
        })),
      });
    }
    // Also when another process made them a moment ago: on a cluster the brokers learn of a new
    // topic one by one, and a consumer subscribing before its broker knows it fails to start.
    await waitForLeaders(admin, topics);
  } finally {
    await admin.disconnect();
  }
}

/**
 * kafkajs's own wait for leaders (`waitForLeaders`) gives up when the broker does not know yet a
 * topic its controller has just made, which KRaft tells the brokers a moment later; this waits
 * that moment out.
 */
async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const metadata = await admin.fetchTopicMetadata({ topics });
      const led = metadata.topics.every(
        ({ partitions }) => partitions.length > 0 && partitions.every(({ leader }) => leader >= 0),
      );
      if (led) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`no leaders for ${topics.join(', ')} in time`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
