import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { applyMigrations } from '../database/migrate';
import { migrationsDir, serviceDatabases, type ServiceName } from '../database/service-databases';
import { dataDir } from '../paths';
import { ensureKafkaBroker } from '../tools/kafka-broker';
import { ensureTemporalCli, ensureTemporalTestServer } from '../tools/temporal-binaries';
import { seedDemoAccounts } from '../local-graph-api/demo-accounts';
import { startKafka, type KafkaEngine } from './kafka';
import { startKafkaCluster, type KafkaCluster } from './kafka-cluster';
import { startOnce, type Launch } from './launch';
import { startLocalGraphApi, type LocalGraphApi } from './local-graph-api';
import { startMaildev, type MailEngine } from './maildev';
import { stopStaleProcesses } from './managed-process';
import { dropDatabase, ensureDatabase, startPostgres, type PostgresEngine } from './postgres';
import { startTemporal, type TemporalEngine } from './temporal';

export type Profile = {
  name: 'dev' | 'test' | 'bench' | 'multinode';
  /** Start from empty data (tests) or keep what the last start stored (dev). */
  fresh: boolean;
  /** Where the engines keep their data; `.data/<name>` unless said otherwise. */
  dataDir?: string;
  postgresPort: number;
  temporalPort: number;
  temporalUiPort: number | null;
  kafkaPort: number;
  kafkaControllerPort: number;
  /**
   * Set: a cluster of three brokers on these ports instead of the one broker above (the
   * multi-node proof); every topic then keeps three copies.
   */
  kafkaCluster?: { port: number; controllerPort: number }[];
  /** maildev: the SMTP server the services send to, and its web page (and REST API). */
  smtpPort: number;
  mailWebPort: number;
  /** The local Graph API (Instagram), every endpoint and `/_control` under one base URL. */
  graphApiPort: number;
};

/**
 * Moves the test engines' ports, so two checkouts on one machine can run their tests at once
 * (e.g. TEST_PORT_OFFSET=100). Zero by default.
 */
const testPortOffset = Number.parseInt(process.env.TEST_PORT_OFFSET ?? '0', 10) || 0;

/**
 * Moves the bench engines' ports the same way (e.g. BENCH_PORT_OFFSET=200), so two checkouts can
 * run `pnpm bench` at once. Zero by default.
 */
const benchPortOffset = Number.parseInt(process.env.BENCH_PORT_OFFSET ?? '0', 10) || 0;

export const profiles = {
  dev: {
    name: 'dev',
    fresh: false,
    postgresPort: 5433,
    temporalPort: 7233,
    temporalUiPort: 8233,
    kafkaPort: 9092,
    kafkaControllerPort: 9093,
    smtpPort: 1025,
    mailWebPort: 1080,
    graphApiPort: 3004,
  },
  test: {
    name: 'test',
    fresh: true,
    postgresPort: 15433 + testPortOffset,
    temporalPort: 17233 + testPortOffset,
    temporalUiPort: null,
    kafkaPort: 19092 + testPortOffset,
    kafkaControllerPort: 19093 + testPortOffset,
    smtpPort: 11025 + testPortOffset,
    mailWebPort: 11080 + testPortOffset,
    graphApiPort: 13004 + testPortOffset,
  },
  // `pnpm bench`: ports of its own, so it runs beside the stack and the tests. Its data sits below
  // .data/bench, beside the results, so starting fresh never wipes an earlier run's results; and
  // apart from bench:network's PostgreSQL (25433), so the two benches can run at once.
  bench: {
    name: 'bench',
    fresh: true,
    dataDir: path.join(dataDir('bench'), 'engines'),
    postgresPort: 25434 + benchPortOffset,
    temporalPort: 27233 + benchPortOffset,
    temporalUiPort: null,
    kafkaPort: 29092 + benchPortOffset,
    kafkaControllerPort: 29093 + benchPortOffset,
    smtpPort: 21025 + benchPortOffset,
    mailWebPort: 21080 + benchPortOffset,
    graphApiPort: 23004 + benchPortOffset,
  },
} satisfies Record<string, Profile>;

export type Engines = {
  postgres: PostgresEngine;
  temporal: TemporalEngine;
  kafka: KafkaEngine;
  /** The brokers one by one, when the profile asked for a cluster. */
  kafkaCluster?: KafkaCluster;
  mail: MailEngine;
  graphApi: LocalGraphApi;
  databaseUrls: Record<ServiceName, string>;
  stop: () => Promise<void>;
};

/** Fetches every pinned tool at once (a no-op once cached), so the engines can start in order. */
export async function ensureTools(): Promise<{ temporalTestServer: string }> {
  const [, , temporalTestServer] = await Promise.all([
    ensureTemporalCli(),
    ensureKafkaBroker(),
    ensureTemporalTestServer(),
  ]);
  return { temporalTestServer };
}

/**
 * PostgreSQL, then Temporal, then Kafka, then maildev (SMTP), then the local Graph API, then every
 * service's migrations. `launch` decides what
 * happens when an engine dies: by default it stays dead; run-stack passes one that restarts it.
 */
export async function startEngines(
  profile: Profile,
  log: (line: string) => void = () => {},
  launch: Launch = startOnce,
): Promise<Engines> {
  const dir = profile.dataDir ?? dataDir(profile.name);
  if (profile.fresh) {
    await stopStaleProcesses(dir);
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  const started: { stop: () => Promise<void> }[] = [];
  const stop = async () => {
    for (const engine of started.reverse()) await engine.stop().catch(() => {});
  };
  try {
    const postgres = await startPostgres(
      { dataDir: dir, port: profile.postgresPort, databaseUrl: process.env.DATABASE_URL },
      launch,
    );
    started.push(postgres);
    log(`PostgreSQL   ${redactPassword(postgres.serverUrl)}`);

    const temporal = await startTemporal(
      { dataDir: dir, port: profile.temporalPort, uiPort: profile.temporalUiPort },
      launch,
    );
    started.push(temporal);
    log(`Temporal     ${temporal.address}`);

    const kafkaCluster = profile.kafkaCluster
      ? await startKafkaCluster({ dataDir: dir, ports: profile.kafkaCluster })
      : undefined;
    const kafka =
      kafkaCluster ??
      (await startKafka(
        { dataDir: dir, port: profile.kafkaPort, controllerPort: profile.kafkaControllerPort },
        launch,
      ));
    started.push(kafka);
    log(`Kafka        ${kafka.brokers}${kafkaCluster ? ' (3 brokers, 3 copies)' : ''}`);

    const mail = await startMaildev(
      { dataDir: dir, smtpPort: profile.smtpPort, webPort: profile.mailWebPort },
      launch,
    );
    started.push(mail);
    log(`Mail (SMTP)  ${mail.smtpHost}:${mail.smtpPort}, read at ${mail.webUrl}`);

    // In this process, memory only: the dev stack's comes with demo accounts, the tests seed theirs.
    const graphApi = await startLocalGraphApi({
      port: profile.graphApiPort,
      processingDelayMs: profile.name === 'dev' ? 2_000 : 300,
      seed: profile.name === 'dev' ? seedDemoAccounts : undefined,
    });
    started.push(graphApi);
    log(`Graph API    ${graphApi.url} (Instagram, local)`);

    const databaseUrls = {} as Record<ServiceName, string>;
    for (const { service, database } of serviceDatabases) {
      const name = profile.name === 'dev' ? database : `${database}_${profile.name}`;
      if (profile.fresh) await dropDatabase(postgres.serverUrl, name);
      databaseUrls[service] = await ensureDatabase(postgres.serverUrl, name);
      const applied = await applyMigrations(databaseUrls[service], migrationsDir(service));
      log(`Migrations   ${service}: ${applied.length} applied`);
    }
    return { postgres, temporal, kafka, kafkaCluster, mail, graphApi, databaseUrls, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export function redactPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
