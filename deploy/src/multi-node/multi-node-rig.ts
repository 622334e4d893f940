import { randomBytes } from 'node:crypto';
import path from 'node:path';
import {
  ACCOUNTS_TOPIC,
  CAMPAIGN_EVENTS_TOPIC,
  CAMPAIGN_TASK_QUEUE,
  INFLUENCER_PROFILES_TOPIC,
  MESSAGING_EVENTS_TOPIC,
} from '@campaign/contracts';
import {
  consumerGroupTopics,
  createKafka,
  createLogger,
  ensureTopics,
} from '@campaign/service-runtime';
import { writeCampaignWorkflowBundle } from '@campaign/campaign-service/worker';
import { ensureTools, startEngines, type Profile } from '../engines/engines';
import { untilReady } from '../engines/launch';
import { startProcess, type ManagedProcess } from '../engines/managed-process';
import { dataDir } from '../paths';
import { startRoundRobinProxy, type RoundRobinProxy } from '../round-robin-proxy';
import {
  appProcess,
  appReadiness,
  serviceApps,
  workerApp,
  type App,
  type AppWiring,
} from '../stack-apps';

export type ServiceKind = (typeof serviceApps)[number]['name'];

/** A worker or a service replica: a real child process the proof may kill and start again. */
export type Replica = {
  name: string;
  kind: ServiceKind | 'worker';
  url: string | null;
  /** Every process id it ran under, so a workflow history's worker identity names the replica. */
  pids: number[];
  kill: () => Promise<void>;
  restart: () => Promise<void>;
  stop: () => Promise<void>;
};

const WORKERS = 2;
const REPLICAS = 2;

/**
 * Ports of the proof's own engines, apart from the shared test engines and the bench's: moved by
 * TEST_PORT_OFFSET in the tests and BENCH_PORT_OFFSET in `pnpm bench`.
 */
export function multiNodeProfile(kind: 'test' | 'bench'): Profile & { appPortBase: number } {
  const offset =
    Number.parseInt(
      (kind === 'test' ? process.env.TEST_PORT_OFFSET : process.env.BENCH_PORT_OFFSET) ?? '0',
      10,
    ) || 0;
  // Every port below the ephemeral range (32768+), where an outgoing connection may hold one
  // first, and clear of the shared test engines (11xxx, 13xxx, 15xxx…) and the bench's (2xxxx).
  const base = (kind === 'test' ? 12_000 : 22_000) + offset;
  return {
    name: 'multinode',
    fresh: true,
    dataDir: dataDir(kind === 'test' ? 'multinode-test' : 'multinode-bench'),
    postgresPort: base + 433,
    temporalPort: base + 233,
    temporalUiPort: null,
    kafkaPort: base + 92,
    kafkaControllerPort: base + 93,
    kafkaCluster: [0, 1, 2].map((i) => ({
      port: base + 92 + 10 * i,
      controllerPort: base + 93 + 10 * i,
    })),
    smtpPort: base + 25,
    mailWebPort: base + 80,
    graphApiPort: base + 4,
    appPortBase: (kind === 'test' ? 24_000 : 26_000) + offset,
  };
}

/**
 * The system as it runs at scale, on one machine: fresh engines with a Kafka cluster of three
 * brokers, two campaign workers and two replicas of each service as real processes (each replica
 * on its own port), and each service behind a round-robin proxy of its own.
 */
export async function startMultiNode(kind: 'test' | 'bench', log: (line: string) => void) {
  const profile = multiNodeProfile(kind);
  const runDir = profile.dataDir!;
  await ensureTools();
  const engines = await startEngines(profile, (line) => log(`  ${line}`));
  const stops: (() => Promise<void>)[] = [engines.stop];
  // The processes and proxies all at once (each may take its grace period), then the engines.
  const stop = async () => {
    const [stopEngines, ...others] = stops.splice(0);
    await Promise.all(others.map((step) => step().catch(() => {})));
    await stopEngines?.().catch(() => {});
  };
  try {
    const cluster = engines.kafkaCluster!;
    // As a cluster's topics are made before its processes start (the chart's KafkaTopics): a
    // dozen processes making them at once would each wait for the brokers to learn of them.
    const admin = createKafka(
      'multi-node-rig',
      cluster.brokers.split(','),
      createLogger('multi-node-rig', 'silent'),
      {
        replicationFactor: cluster.replication,
      },
    );
    await ensureTopics(admin, [
      CAMPAIGN_EVENTS_TOPIC,
      MESSAGING_EVENTS_TOPIC,
      INFLUENCER_PROFILES_TOPIC,
      ACCOUNTS_TOPIC,
    ]);
    // And each consumer group's retries and dead letters (one partition, as the consumers make
    // them): made later, while the proof has a broker down, three copies could not be placed.
    const groupTopics = [
      [CAMPAIGN_EVENTS_TOPIC, 'campaign-story'],
      [CAMPAIGN_EVENTS_TOPIC, 'notifications'],
      [CAMPAIGN_EVENTS_TOPIC, 'messaging'],
      [INFLUENCER_PROFILES_TOPIC, 'notifications-profiles'],
      [ACCOUNTS_TOPIC, 'notifications-accounts'],
      [MESSAGING_EVENTS_TOPIC, 'notifications-messages'],
    ].flatMap(([topic, group]) => Object.values(consumerGroupTopics(topic!, group!)));
    await ensureTopics(admin, groupTopics, 1);
    const workflowBundle = path.join(runDir, 'campaign-workflows.js');
    await writeCampaignWorkflowBundle(workflowBundle);
    const proxyPort = (i: number) => profile.appPortBase + 100 + i;
    const wiring: AppWiring = {
      runDir,
      workflowBundle,
      databaseUrls: engines.databaseUrls,
      kafkaBrokers: engines.kafka.brokers,
      kafkaReplicationFactor: cluster.replication,
      temporalAddress: engines.temporal.address,
      authSecret: randomBytes(32).toString('hex'),
      taskQueue: CAMPAIGN_TASK_QUEUE,
      smtp: { host: engines.mail.smtpHost, port: engines.mail.smtpPort },
      graphApiUrl: engines.graphApi.url,
      campaignPublicUrl: `http://127.0.0.1:${proxyPort(0)}`,
    };
    const apps: App[] = [
      ...Array.from({ length: WORKERS }, (_, i) => ({ ...workerApp, name: `worker-${i + 1}` })),
      ...serviceApps.flatMap((app, s) =>
        Array.from({ length: REPLICAS }, (_, i) => ({
          ...app,
          name: `${app.name}-${i + 1}`,
          port: profile.appPortBase + 10 * i + s + 1,
        })),
      ),
    ];
    log(`  Starting ${WORKERS} workers and ${REPLICAS} replicas of each service`);
    // Every start settles before a failure is thrown, so the stop below reaches all of them.
    const starts = await Promise.allSettled(
      apps.map(async (app) => {
        const replica = await replicaOf(app, wiring, stops);
        log(`  ${app.name.padEnd(16)} pid ${replica.pids[0]}`);
        return replica;
      }),
    );
    const failed = starts.find((start) => start.status === 'rejected');
    if (failed) throw failed.reason;
    const replicas = starts.map((start) => (start as PromiseFulfilledResult<Replica>).value);
    const proxies = {} as Record<ServiceKind, RoundRobinProxy>;
    for (const [i, app] of serviceApps.entries()) {
      const urls = replicas.filter((r) => r.kind === app.name).map((r) => r.url!);
      proxies[app.name] = await startRoundRobinProxy(urls, proxyPort(i));
      stops.push(proxies[app.name].stop);
      log(`  ${app.name} proxy     ${proxies[app.name].url} → ${urls.join(', ')}`);
    }
    return { engines, cluster, wiring, replicas, proxies, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export type MultiNode = Awaited<ReturnType<typeof startMultiNode>>;

async function replicaOf(
  app: App,
  wiring: AppWiring,
  stops: (() => Promise<void>)[],
): Promise<Replica> {
  let current: ManagedProcess | undefined;
  const pids: number[] = [];
  const start = async () => {
    const options = appProcess(app, wiring);
    const child = await startProcess({
      ...options,
      env: { ...options.env, LOG_LEVEL: 'warn' },
    });
    current = child;
    pids.push(child.pid);
    await untilReady(child, appReadiness(app, wiring).ready);
  };
  await start();
  const stop = async () => {
    await current?.stop();
    current = undefined;
  };
  stops.push(stop);
  return {
    name: app.name,
    kind: app.port === null ? 'worker' : (app.name.replace(/-\d+$/, '') as ServiceKind),
    url: app.port === null ? null : `http://127.0.0.1:${app.port}`,
    pids,
    stop,
    kill: async () => {
      const dying = current;
      current = undefined;
      if (!dying) return;
      process.kill(dying.pid, 'SIGKILL');
      await dying.exited;
    },
    restart: async () => {
      if (!current) await start();
    },
  };
}
