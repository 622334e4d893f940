import path from 'node:path';
import { clusterId, prepareBroker, type KafkaEngine, type KafkaNodeAddress } from './kafka';
import { startProcess, waitForPort, type ManagedProcess } from './managed-process';

/** One broker of the cluster, which a proof may kill as a crash would and start again. */
export type KafkaNode = KafkaNodeAddress & {
  name: string;
  /** SIGKILL: no clean shutdown, its partitions' leadership moves to the others. */
  kill: () => Promise<void>;
  /** Starts it again on its own log folder; resolves once it listens. */
  restart: () => Promise<void>;
  alive: () => boolean;
};

export type KafkaCluster = KafkaEngine & { nodes: KafkaNode[]; replication: number };

/** Every partition on all three, a write acknowledged by two (min.insync.replicas). */
const REPLICATION = 3;

/**
 * Three Kafka brokers on one machine, as a cluster at scale runs them: one KRaft process per
 * broker (broker and controller in one JVM, the three controllers a quorum), each with its own
 * ports and log folder and a small heap. Topics get three copies, so any one broker may die.
 */
export async function startKafkaCluster(options: {
  dataDir: string;
  /** Three nodes' ports; ids are 1, 2, 3. */
  ports: { port: number; controllerPort: number }[];
  heap?: string;
}): Promise<KafkaCluster> {
  const voters = options.ports.map((ports, i) => ({ id: i + 1, ...ports }));
  const cluster = clusterId();
  const nodes: KafkaNode[] = [];
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch(() => {});
  };
  try {
    const prepared = await Promise.all(
      voters.map((node) =>
        prepareBroker(
          path.join(options.dataDir, `kafka-${node.id}`),
          node,
          voters,
          REPLICATION,
          cluster,
          options.heap ?? '512m',
        ),
      ),
    );
    for (const [i, node] of voters.entries()) {
      const { jvm, config } = prepared[i]!;
      const name = `kafka-${node.id}`;
      let current: ManagedProcess | undefined;
      const start = async () => {
        current = await startProcess({
          name,
          command: 'java',
          args: [...jvm, 'kafka.Kafka', config],
          runDir: options.dataDir,
          port: node.port,
        });
      };
      await start();
      stops.push(async () => current?.stop());
      nodes.push({
        ...node,
        name,
        alive: () => current !== undefined,
        kill: async () => {
          const dying = current;
          current = undefined;
          if (!dying) return;
          process.kill(dying.pid, 'SIGKILL');
          await dying.exited;
        },
        restart: async () => {
          if (current) return;
          await start();
          await waitForPort(node.port, name);
        },
      });
    }
    // A quorum needs two of the three controllers: they start side by side, then all listen.
    await Promise.all(voters.map((node) => waitForPort(node.port, `kafka-${node.id}`)));
    return {
      brokers: voters.map((node) => `127.0.0.1:${node.port}`).join(','),
      nodes,
      replication: REPLICATION,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
