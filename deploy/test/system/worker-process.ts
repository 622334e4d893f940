import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { testEnvironment } from '@campaign/testing';
import { repoRoot } from '../../src/paths';

/**
 * The real campaign worker (the campaign service's second process) as a child process of the
 * test, on the engines and the task queue given: a test may kill it as a crash would.
 */
export function spawnCampaignWorker(wiring: {
  databaseUrl: string;
  kafkaBrokers: string;
  temporalAddress: string;
  taskQueue: string;
}): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'services', 'campaign', 'src', 'worker', 'main.ts')],
    {
      cwd: repoRoot,
      stdio: 'ignore',
      env: {
        ...process.env,
        DATABASE_URL: wiring.databaseUrl,
        KAFKA_BROKERS: wiring.kafkaBrokers,
        TEMPORAL_ADDRESS: wiring.temporalAddress,
        TEMPORAL_TASK_QUEUE: wiring.taskQueue,
        INSTAGRAM_GRAPH_URL: testEnvironment().graphApiUrl,
        LOG_LEVEL: 'warn',
      },
    },
  );
}
