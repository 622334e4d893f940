import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { writeCampaignWorkflowBundle } from '@campaign/campaign-service/worker';
import { issueToken } from '@campaign/service-runtime';
import { TEST_AUTH_SECRET, testEnvironment } from '@campaign/testing';
import { bundleProcess } from '../src/build/bundle';
import { builtProcesses, builtWorkflowBundle } from '../src/build/processes';
import { layOutProductionTree } from '../src/build/production-tree';
import { startOnce, type RunningProcess } from '../src/engines/launch';
import { waitUntilPolling } from '../src/engines/worker-readiness';
import { dataDir } from '../src/paths';

// The production build (`pnpm build`): the compiled campaign service, worker and migrations run
// with node alone (no tsx), from the production dependencies `pnpm deploy --prod` installs — the
// layout of their images — against the real engines. Built and laid out once for the file.
const env = testEnvironment();
const exec = promisify(execFile);
const root = path.join(dataDir('test'), 'production-build');
const campaignTree = path.join(root, 'campaign');
const running: RunningProcess[] = [];

beforeAll(async () => {
  const campaignPackage = builtProcesses.filter(
    (entry) => entry.packageDir === 'services/campaign',
  );
  await Promise.all(campaignPackage.map(bundleProcess));
  await writeCampaignWorkflowBundle(builtWorkflowBundle);
  await layOutProductionTree('services/campaign', campaignTree);
}, 180_000);

afterAll(async () => {
  for (const process of running.splice(0)) await process.stop();
});

/** Starts a compiled file from the production tree, as the image's CMD does. */
async function startBuilt(
  name: string,
  file: string,
  extraEnv: NodeJS.ProcessEnv,
  ready: () => Promise<string>,
) {
  const { process: child, ready: isReady } = await startOnce(
    {
      name,
      command: process.execPath,
      args: ['--enable-source-maps', path.join(campaignTree, 'dist', file)],
      cwd: campaignTree,
      runDir: path.join(root, 'run'),
      env: {
        // Only what an image's environment has: no NODE_OPTIONS (jest's), no tsx.
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        DATABASE_URL: env.databaseUrls.campaign,
        TEMPORAL_ADDRESS: env.temporalAddress,
        KAFKA_BROKERS: env.kafkaBrokers.join(','),
        INSTAGRAM_GRAPH_URL: env.graphApiUrl,
        ...extraEnv,
      },
    },
    { ready: async () => ready() },
  );
  running.push(child);
  await isReady;
  return child;
}

describe('the production build (compiled JavaScript, production dependencies only)', () => {
  it('migrates: the compiled migrations find the database up to date', async () => {
    const { stdout } = await exec(
      process.execPath,
      [path.join(campaignTree, 'dist', 'migrate.js'), 'campaign'],
      {
        cwd: campaignTree,
        env: {
          PATH: process.env.PATH,
          DATABASE_URL: env.databaseUrls.campaign,
          MIGRATIONS_DIR: path.join(campaignTree, 'prisma', 'migrations'),
        },
      },
    );
    expect(stdout.trim()).toBe('campaign: 0 migration(s) applied');
  });

  it('serves: the compiled campaign service becomes ready and answers a brand from PostgreSQL', async () => {
    const port = await freePort();
    await startBuilt(
      'built-campaign',
      'main.js',
      { PORT: String(port), AUTH_SECRET: TEST_AUTH_SECRET },
      async () => {
        await untilReady(`http://127.0.0.1:${port}/readyz`);
        return `ready on :${port}`;
      },
    );

    const brandId = `brand-${randomUUID()}`;
    const token = await issueToken({ role: 'brand', userId: 'u-1', brandId }, TEST_AUTH_SECRET);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await fetch(`http://127.0.0.1:${port}/campaigns`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: 'Built and shipped', brief: 'From the compiled service.' }),
    });
    expect(created.status).toBe(201);
    const listed = await fetch(`http://127.0.0.1:${port}/campaigns`, { headers });
    expect(listed.status).toBe(200);
    const page = (await listed.json()) as { items: { title: string }[] };
    expect(page.items.map((campaign) => campaign.title)).toEqual(['Built and shipped']);
  });

  it('polls: the compiled worker loads the workflow bundle built beside it and reports ready', async () => {
    const healthPort = await freePort();
    const taskQueue = `campaign-lifecycle-built-${randomUUID()}`;
    const worker = await startBuilt(
      'built-worker',
      'worker.js',
      { TEMPORAL_TASK_QUEUE: taskQueue, HEALTH_PORT: String(healthPort) },
      async () => {
        await untilReady(`http://127.0.0.1:${healthPort}/readyz`);
        return `ready on :${healthPort}`;
      },
    );
    await waitUntilPolling(env.temporalAddress, taskQueue, worker.pid);
    // The bundle made at build time, not one made at start (which takes many seconds).
    const log = readFileSync(worker.logFile, 'utf8');
    expect(log).toContain(
      `"workflowBundle":"${path.join(campaignTree, 'dist', 'campaign-workflows.js')}"`,
    );
    const ready = await fetch(`http://127.0.0.1:${healthPort}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { 'temporal-worker': 'ok' } });
  });
});

async function untilReady(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = await fetch(url).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} was not ready within ${timeoutMs / 1000} s`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
