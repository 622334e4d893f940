import { randomUUID } from 'node:crypto';
import { testEnvironment } from '@campaign/testing';
import { applyMigrations } from '../../src/database/migrate';
import { migrationsDir } from '../../src/database/service-databases';
import { dropDatabase, ensureDatabase } from '../../src/engines/postgres';

/**
 * A service's database of the test's own on the run's PostgreSQL, migrated: its outboxes are seen
 * by the test's relays and senders only, not by those of every other test file.
 */
export async function databaseOfOwn(service: 'campaign' | 'notifications', name: string) {
  const serverUrl = testEnvironment().databaseUrls[service];
  const database = `${name}_${randomUUID().replace(/-/g, '')}`;
  const url = await ensureDatabase(serverUrl, database);
  await applyMigrations(url, migrationsDir(service));
  return { url, drop: () => dropDatabase(serverUrl, database) };
}

/**
 * A campaign database of the test's own on the run's PostgreSQL, migrated: its outbox is seen by
 * the test's relays only, not by the relays of every other test file's campaign system.
 */
export const campaignDatabaseOfOwn = (name: string) => databaseOfOwn('campaign', name);
