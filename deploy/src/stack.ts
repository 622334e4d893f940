import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CAMPAIGN_TASK_QUEUE } from '@campaign/contracts';
import { ensureTools, profiles, redactPassword, startEngines } from './engines/engines';
import { startProcess, type ManagedProcess } from './engines/managed-process';
import { waitUntilPolling } from './engines/worker-readiness';
import { dataDir, repoRoot } from './paths';

/**
 * The whole system on one machine: engines, migrations, the Temporal worker and the three
 * services, each ready before the next starts. Ctrl-C stops everything; data stays in .data/dev.
 */
type App = {
  name: string;
  main: string;
  port: number | null;
  database: 'campaign' | 'messaging' | 'notifications';
};

const workerApp: App = {
  name: 'worker',
  main: 'workflows/src/main.ts',
  port: null,
  database: 'campaign',
};

const serviceApps = [
  { name: 'campaign', main: 'services/campaign/src/main.ts', port: 3001, database: 'campaign' },
  { name: 'messaging', main: 'services/messaging/src/main.ts', port: 3002, database: 'messaging' },
  {
    name: 'notifications',
    main: 'services/notifications/src/main.ts',
    port: 3003,
    database: 'notifications',
  },
] as const satisfies (App & { port: number })[];

async function main(): Promise<void> {
  const profile = profiles.dev;
  const runDir = dataDir(profile.name);
  const started = Date.now();
  const log = (line: string) =>
    console.log(`  ${line.padEnd(60)} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await ensureTools();
  log('Tools        cached in .cache/tools');
  const engines = await startEngines(profile, log);
  const authSecret = devAuthSecret(runDir);
  const running: ManagedProcess[] = [];

  const stop = async () => {
    console.log('\nStopping…');
    for (const app of running.reverse()) await app.stop();
    await engines.stop();
    console.log('Stopped; the data stays in .data/dev for the next start.');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());

  const start = async (app: App) => {
    const child = await startProcess({
      name: app.name,
      command: process.execPath,
      args: ['--import', 'tsx', path.join(repoRoot, app.main)],
      cwd: repoRoot,
      runDir,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        ...(app.port === null ? {} : { PORT: String(app.port) }),
        DATABASE_URL: engines.databaseUrls[app.database],
        KAFKA_BROKERS: engines.kafka.brokers,
        TEMPORAL_ADDRESS: engines.temporal.address,
        AUTH_SECRET: authSecret,
      },
    });
    running.push(child);
    return child;
  };

  try {
    const worker = await start(workerApp);
    await waitUntilPolling(engines.temporal.address, CAMPAIGN_TASK_QUEUE, worker.pid);
    log(`${'worker'.padEnd(14)}polling ${CAMPAIGN_TASK_QUEUE}`);
    // The services depend on the engines only, not on each other: they start side by side.
    await Promise.all(
      serviceApps.map(async (app) => {
        await start(app);
        await waitUntilReady(app.name, app.port);
        log(`${app.name.padEnd(14)}ready on :${app.port}`);
      }),
    );
  } catch (error) {
    console.error(String(error));
    await stop();
    return;
  }

  console.log(`
Campaign platform is up (${((Date.now() - started) / 1000).toFixed(1)} s).

  Campaign API        http://127.0.0.1:3001   (docs: /docs, OpenAPI: /openapi.json)
  Messaging API       http://127.0.0.1:3002   (docs: /docs, OpenAPI: /openapi.json)
  Notifications API   http://127.0.0.1:3003   (docs: /docs, OpenAPI: /openapi.json)
  Temporal UI         ${engines.temporal.uiUrl}
  Temporal (gRPC)     ${engines.temporal.address}
  Kafka               ${engines.kafka.brokers}
  PostgreSQL          ${redactPassword(engines.postgres.serverUrl)}
  Logs                ${path.relative(repoRoot, runDir)}/*.log

Tokens for the APIs:  ./deploy/token brand <userId> <brandId>   (or: influencer <userId>, ops <userId>)
Press Ctrl-C to stop.`);
}

/** Kept in the data folder so tokens issued for the demo stay valid across restarts. */
function devAuthSecret(runDir: string): string {
  const file = path.join(runDir, 'auth-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

async function waitUntilReady(name: string, port: number, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${name} was not ready within ${timeoutMs / 1000} s; see .data/dev/${name}.log`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
