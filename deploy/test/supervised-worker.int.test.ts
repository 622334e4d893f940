import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { eventually, TEST_AUTH_SECRET, testEnvironment } from '@campaign/testing';
import { writeCampaignWorkflowBundle } from '@campaign/campaign-service/worker';
import { type RunningProcess } from '../src/engines/launch';
import { isAlive } from '../src/engines/managed-process';
import { DEFAULT_BACKOFF, supervised } from '../src/engines/supervised-process';
import { waitUntilPolling } from '../src/engines/worker-readiness';
import { dataDir } from '../src/paths';
import { appProcess, appReadiness, workerApp, type AppWiring } from '../src/stack-apps';

// The real campaign worker, started as run-stack starts it and under the same supervisor, on the
// real engines. Each test polls a task queue of its own, so no other test's worker answers for it.
const env = testEnvironment();
const running: RunningProcess[] = [];
const workflowBundle = path.join(dataDir('test'), 'supervised-worker', 'campaign-workflows.js');

beforeAll(async () => {
  // As run-stack does: bundled once, so a restart only starts a process and connects.
  mkdirSync(path.dirname(workflowBundle), { recursive: true });
  await writeCampaignWorkflowBundle(workflowBundle);
});

afterEach(async () => {
  for (const worker of running.splice(0)) await worker.stop();
});

async function startSupervisedWorker(test: string) {
  const wiring: AppWiring = {
    runDir: path.join(dataDir('test'), 'supervised-worker', test),
    databaseUrls: env.databaseUrls,
    kafkaBrokers: env.kafkaBrokers.join(','),
    temporalAddress: env.temporalAddress,
    authSecret: TEST_AUTH_SECRET,
    taskQueue: `campaign-lifecycle-supervised-${randomUUID()}`,
    workflowBundle,
    graphApiUrl: env.graphApiUrl,
  };
  const reports: string[] = [];
  const { process: worker, ready } = await supervised((line) => reports.push(line))(
    appProcess(workerApp, wiring),
    appReadiness(workerApp, wiring),
  );
  running.push(worker);
  await ready;
  return { worker, reports, taskQueue: wiring.taskQueue };
}

/** Long enough for a restart to have started had one been scheduled. */
const afterFirstRestartWouldStart = () =>
  new Promise((resolve) => setTimeout(resolve, DEFAULT_BACKOFF.firstDelayMs * 2));

describe('a supervised worker (the real campaign worker on real Temporal, Kafka, PostgreSQL)', () => {
  it('is restarted after a SIGKILL and polls its task queue again within 10 s', async () => {
    const { worker, reports, taskQueue } = await startSupervisedWorker('killed');
    const limitMs = 10_000;
    const killed = worker.pid;
    const killedAt = Date.now();

    process.kill(killed, 'SIGKILL');

    // The supervisor's own part, whatever the load: a new process after the 0.5 s backoff.
    await eventually(async () => expect(worker.pid).not.toBe(killed), { timeoutMs: 2_000 });
    await waitUntilPolling(env.temporalAddress, taskQueue, worker.pid, limitMs);
    expect(Date.now() - killedAt).toBeLessThan(limitMs);
    await eventually(async () =>
      expect(reports).toEqual([
        'worker exited (signal SIGKILL); restarting in 0.5 s (restart 1)',
        `worker is back (polling ${taskQueue})`,
      ]),
    );
    // Both runs wrote to the one log file, the second after the first.
    const log = readFileSync(worker.logFile, 'utf8');
    expect(log.match(/campaign worker polling/g)).toHaveLength(2);
  });

  it('is not restarted once stop() has stopped it', async () => {
    const { worker, reports } = await startSupervisedWorker('stopped');
    const pid = worker.pid;

    await worker.stop();
    await afterFirstRestartWouldStart();

    expect(isAlive(pid)).toBe(false);
    expect(worker.pid).toBe(pid);
    expect(reports).toEqual([]);
    expect(existsSync(path.join(path.dirname(worker.logFile), 'worker.pid'))).toBe(false);
  });

  it('cancels a restart still waiting out its delay when stop() comes', async () => {
    const { worker, reports } = await startSupervisedWorker('stopped-while-restarting');
    const killed = worker.pid;

    process.kill(killed, 'SIGKILL');
    await eventually(async () => expect(reports).toHaveLength(1));
    await worker.stop();
    await afterFirstRestartWouldStart();

    expect(worker.pid).toBe(killed);
    expect(reports).toEqual(['worker exited (signal SIGKILL); restarting in 0.5 s (restart 1)']);
  });
});
