import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCommand } from '../tools/run-command';
import { ensureKafkaBroker } from '../tools/kafka-broker';
import { startOnce, type Launch } from './launch';
import { waitForPort } from './managed-process';

export type KafkaEngine = { brokers: string; stop: () => Promise<void> };

/** A single-node Kafka in KRaft mode (broker and controller in one JVM), no ZooKeeper. */
export async function startKafka(
  options: {
    dataDir: string;
    port: number;
    controllerPort: number;
  },
  launch: Launch = startOnce,
): Promise<KafkaEngine> {
  const kafkaDir = path.join(options.dataDir, 'kafka');
  const node = { id: 1, port: options.port, controllerPort: options.controllerPort };
  const { jvm, config } = await prepareBroker(kafkaDir, node, [node], 1, clusterId(), '768m');
  const { process: broker, ready } = await launch(
    {
      name: 'kafka',
      command: 'java',
      args: [...jvm, 'kafka.Kafka', config],
      runDir: options.dataDir,
      port: options.port,
    },
    {
      ready: async () => {
        await waitForPort(options.port, 'Kafka');
        return `listening on :${options.port}`;
      },
    },
  );
  await ready;
  return { brokers: `127.0.0.1:${options.port}`, stop: broker.stop };
}

/** One KRaft node (broker and controller in one JVM): its id and its two ports. */
export type KafkaNodeAddress = { id: number; port: number; controllerPort: number };

/**
 * Writes a node's config and formats its log folder once with the cluster's id (a second start
 * reuses it); answers the JVM's arguments and the config's path. `replication` is how many copies
 * of every partition the cluster keeps: 1 alone, 3 in a cluster of three (two must have a write).
 */
export async function prepareBroker(
  dir: string,
  node: KafkaNodeAddress,
  voters: KafkaNodeAddress[],
  replication: number,
  cluster: string,
  heap: string,
): Promise<{ jvm: string[]; config: string }> {
  const libs = await ensureKafkaBroker();
  const logDir = path.join(dir, 'log');
  mkdirSync(logDir, { recursive: true });
  const config = path.join(dir, 'server.properties');
  writeFileSync(config, serverProperties(node, voters, replication, logDir));
  const quietLog4j = path.join(dir, 'log4j.properties');
  writeFileSync(quietLog4j, LOG4J);
  const jvm = [
    '-Xms256m',
    `-Xmx${heap}`,
    `-Dlog4j.configuration=file:${quietLog4j}`,
    '-cp',
    path.join(libs, '*'),
  ];
  if (!existsSync(path.join(logDir, 'meta.properties'))) {
    await runCommand('java', [
      ...jvm,
      'kafka.tools.StorageTool',
      'format',
      '--ignore-formatted',
      '--cluster-id',
      cluster,
      '--config',
      config,
    ]);
  }
  return { jvm, config };
}

function serverProperties(
  node: KafkaNodeAddress,
  voters: KafkaNodeAddress[],
  replication: number,
  logDir: string,
): string {
  // With one copy a write waits for that one; with three, for two of them (one may be down).
  const minInSync = Math.min(2, replication);
  return [
    'process.roles=broker,controller',
    `node.id=${node.id}`,
    `controller.quorum.voters=${voters.map((v) => `${v.id}@127.0.0.1:${v.controllerPort}`).join(',')}`,
    `listeners=PLAINTEXT://127.0.0.1:${node.port},CONTROLLER://127.0.0.1:${node.controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${node.port}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${logDir}`,
    'num.partitions=6',
    `default.replication.factor=${replication}`,
    `min.insync.replicas=${minInSync}`,
    `offsets.topic.replication.factor=${replication}`,
    `transaction.state.log.replication.factor=${replication}`,
    `transaction.state.log.min.isr=${minInSync}`,
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=false',
    '',
  ].join('\n');
}

const LOG4J = [
  'log4j.rootLogger=WARN, stdout',
  'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
  'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
  'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
  '',
].join('\n');

/** Kafka's cluster id format (16 random bytes, base64url); never leading "-", which reads as a flag. */
export function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
