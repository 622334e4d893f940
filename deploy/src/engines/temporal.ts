import { CAMPAIGN_SEARCH_ATTRIBUTES } from '@campaign/contracts';
import path from 'node:path';
import { ensureTemporalCli } from '../tools/temporal-binaries';
import { startOnce, type Launch } from './launch';
import { ensureSearchAttributes } from './temporal-search-attributes';
import { waitForPort } from './managed-process';

export type TemporalEngine = {
  address: string;
  uiUrl: string | null;
  stop: () => Promise<void>;
};

/** The Temporal dev server, persisting to a SQLite file so a second start keeps every workflow. */
export async function startTemporal(
  options: {
    dataDir: string;
    port: number;
    uiPort: number | null;
  },
  launch: Launch = startOnce,
): Promise<TemporalEngine> {
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
    // SQLite's default journal syncs the disk on every commit, and every update, task and
    // activity of every workflow is a commit through the dev server's one connection: measured
    // here, 300 workflow starts took 4.1 s that way and 1.6 s with a write-ahead log synced at
    // its checkpoints. A crash of the server process still loses nothing committed; only the
    // machine's own crash could lose the last moments, as on any single-node dev server.
    '--sqlite-pragma',
    'journal_mode=wal',
    '--sqlite-pragma',
    'synchronous=normal',
    '--log-level',
    'warn',
    // Ops find campaigns in the UI by these; the dev server registers them at every start.
    ...Object.values(CAMPAIGN_SEARCH_ATTRIBUTES).flatMap(({ name, type }) => [
      '--search-attribute',
      `${name}=${type}`,
    ]),
  ];
  if (options.uiPort === null) args.push('--headless');
  else args.push('--ui-port', String(options.uiPort));
  const { process: server, ready } = await launch(
    { name: 'temporal', command: cli, args, runDir: options.dataDir, port: options.port },
    {
      ready: async () => {
        await waitForPort(options.port, 'Temporal');
        if (options.uiPort !== null) await waitForPort(options.uiPort, 'Temporal Web UI');
        return `listening on :${options.port}`;
      },
    },
  );
  await ready;
  await ensureSearchAttributes(`127.0.0.1:${options.port}`);
  return {
    address: `127.0.0.1:${options.port}`,
    uiUrl: options.uiPort === null ? null : `http://127.0.0.1:${options.uiPort}`,
    stop: server.stop,
  };
}
