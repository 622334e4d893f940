import path from 'node:path';
import { ensureTemporalCli } from '../tools/temporal-binaries';
import { startProcess, waitForPort, type ManagedProcess } from './managed-process';

export type TemporalEngine = ManagedProcess & { address: string; uiUrl: string | null };

/** The Temporal dev server, persisting to a SQLite file so a second start keeps every workflow. */
export async function startTemporal(options: {
  dataDir: string;
  port: number;
  uiPort: number | null;
}): Promise<TemporalEngine> {
  const cli = await ensureTemporalCli();
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--db-filename',
    path.join(options.dataDir, 'temporal.sqlite'),
    '--log-level',
    'warn',
  ];
  if (options.uiPort === null) args.push('--headless');
  else args.push('--ui-port', String(options.uiPort));
  const process = await startProcess({
    name: 'temporal',
    command: cli,
    args,
    runDir: options.dataDir,
    port: options.port,
  });
  await waitForPort(options.port, 'Temporal');
  if (options.uiPort !== null) await waitForPort(options.uiPort, 'Temporal Web UI');
  return {
    ...process,
    address: `127.0.0.1:${options.port}`,
    uiUrl: options.uiPort === null ? null : `http://127.0.0.1:${options.uiPort}`,
  };
}
