import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { TEST_AUTH_SECRET } from '@campaign/testing';
import { repoRoot } from '../../src/paths';

/** The mail sender as a process of its own (`mail-sender-process.ts`), on the wiring given. */
export function spawnMailSender(wiring: {
  databaseUrl: string;
  kafkaBrokers: string;
  smtpPort: number;
  concurrency: number;
  leaseSeconds: number;
}): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'deploy', 'test', 'system', 'mail-sender-process.ts')],
    {
      cwd: repoRoot,
      stdio: 'ignore',
      env: {
        ...process.env,
        DATABASE_URL: wiring.databaseUrl,
        KAFKA_BROKERS: wiring.kafkaBrokers,
        AUTH_SECRET: TEST_AUTH_SECRET,
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(wiring.smtpPort),
        MAIL_CONCURRENCY: String(wiring.concurrency),
        MAIL_LEASE_SECONDS: String(wiring.leaseSeconds),
        MAIL_RETRY_INITIAL_MS: '200',
        LOG_LEVEL: 'warn',
      },
    },
  );
}

/** Resolves when the process has exited, whatever its way out. */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}
