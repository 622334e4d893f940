import type { Admin, Kafka } from 'kafkajs';
import { Gauge } from 'prom-client';
import { metricsRegistry } from './registry';

type Group = { kafka: Kafka; groupId: string; topics: string[] };
const groups = new Map<string, Group>();
const admins = new WeakMap<Kafka, Promise<Admin>>();

function adminOf(kafka: Kafka): Promise<Admin> {
  let admin = admins.get(kafka);
  if (!admin) {
    const client = kafka.admin();
    admin = client.connect().then(() => client);
    // A failed connection is tried again at the next scrape.
    admin.catch(() => admins.delete(kafka));
    admins.set(kafka, admin);
  }
  return admin;
}

/** Events on a partition the group has not committed yet: latest offset − committed offset. */
async function lagOf({ kafka, groupId, topics }: Group) {
  const admin = await adminOf(kafka);
  const committed = await admin.fetchOffsets({ groupId, topics });
  const lags: { topic: string; partition: number; lag: number }[] = [];
  for (const { topic, partitions } of committed) {
    const latest = await admin.fetchTopicOffsets(topic);
    for (const { partition, high, low } of latest) {
      const offset = partitions.find((p) => p.partition === partition)?.offset ?? '-1';
      // A group that committed nothing yet starts from the beginning (fromBeginning: true).
      const from = Number(offset) >= 0 ? Number(offset) : Number(low);
      lags.push({ topic, partition, lag: Math.max(0, Number(high) - from) });
    }
  }
  return lags;
}

new Gauge({
  name: 'kafka_consumer_lag',
  help: 'Events on a partition that the consumer group has not yet handled',
  labelNames: ['group', 'topic', 'partition'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    await Promise.all(
      [...groups.values()].map(async (group) => {
        try {
          for (const { topic, partition, lag } of await lagOf(group)) {
            this.set({ group: group.groupId, topic, partition: String(partition) }, lag);
          }
        } catch {
          // Kafka is away: this group is left out of the scrape; the readiness probe says why.
        }
      }),
    );
  },
});

/** Reports the lag of a consumer group on its topics (the event consumer does so for each). */
export function reportConsumerLag(kafka: Kafka, groupId: string, topics: string[]): void {
  groups.set(groupId, { kafka, groupId, topics });
}
