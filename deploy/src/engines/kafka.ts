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
  const libs = await ensureKafkaBroker();
  const kafkaDir = path.join(options.dataDir, 'kafka');
  const logDir = path.join(kafkaDir, 'log');
  mkdirSync(logDir, { recursive: true });
  const config = path.join(kafkaDir, 'server.properties');
  writeFileSync(config, serverProperties(options.port, options.controllerPort, logDir));
  const classpath = path.join(libs, '*');
  const quietLog4j = path.join(kafkaDir, 'log4j.properties');
  writeFileSync(quietLog4j, LOG4J);
  const jvm = [
    '-Xms256m',
    '-Xmx768m',
    `-Dlog4j.configuration=file:${quietLog4j}`,
    '-cp',
    classpath,
  ];

  // KRaft needs its log folder formatted once with a cluster id; a second start reuses it.
  if (!existsSync(path.join(logDir, 'meta.properties'))) {
    await runCommand('java', [
      ...jvm,
      'kafka.tools.StorageTool',
      'format',
      '--ignore-formatted',
      '--cluster-id',
      clusterId(),
      '--config',
      config,
    ]);
  }
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

function serverProperties(port: number, controllerPort: number, logDir: string): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${logDir}`,
    'num.partitions=6',
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
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
function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
