import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testEnvironment } from '@campaign/testing';
import { Client } from 'pg';
import { applyMigrations } from '../src/database/migrate';
import { migrationsDir } from '../src/database/service-databases';
import { dropDatabase, ensureDatabase } from '../src/engines/postgres';

const env = testEnvironment();
const PRINCIPAL_KEYS = '20261126100000_principal_keys';
const LIVE_INBOX = '20261127100000_live_inbox';

/** A database of its own with the notifications migrations before principal keys applied. */
async function notificationsBeforePrincipalKeys(): Promise<{
  url: string;
  drop: () => Promise<void>;
}> {
  const serverUrl = new URL(env.databaseUrls.notifications);
  serverUrl.pathname = '/postgres';
  const name = `notifications_principal_${process.pid}`;
  await dropDatabase(serverUrl.toString(), name);
  const url = await ensureDatabase(serverUrl.toString(), name);
  const earlier = mkdtempSync(path.join(tmpdir(), 'migrations-'));
  for (const migration of readdirSync(migrationsDir('notifications'))) {
    if (migration < PRINCIPAL_KEYS) {
      cpSync(path.join(migrationsDir('notifications'), migration), path.join(earlier, migration), {
        recursive: true,
      });
    }
  }
  await applyMigrations(url, earlier);
  rmSync(earlier, { recursive: true, force: true });
  return { url, drop: () => dropDatabase(serverUrl.toString(), name) };
}

describe('the principal-keys migration (real PostgreSQL)', () => {
  it('moves every inbox to its principal and retires what cannot be told apart', async () => {
    const { url, drop } = await notificationsBeforePrincipalKeys();
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const rows: [string, string][] = [
        ['zoe', 'agreement_sent'],
        ['zoe', 'new_message'],
        ['brand:brand sunny', 'new_message'],
        ['ava', 'campaign_published'],
        ['ava', 'selection_reminder'],
      ];
      for (const [recipient, kind] of rows) {
        await client.query(
          `INSERT INTO notifications (id, event_id, recipient_id, kind, title, body)
           VALUES (gen_random_uuid(), gen_random_uuid(), $1, $2, 't', 'b')`,
          [recipient, kind],
        );
      }
      await client.query(
        `INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ('ava', 'key-12345', 'h'),
         ('brand/b/user/ava', 'key-12345', 'h')`,
      );

      // It runs first; the migrations after it (live inboxes) run on what it moved.
      const applied = await applyMigrations(url, migrationsDir('notifications'));
      expect(applied[0]).toBe(PRINCIPAL_KEYS);
      expect(applied).toContain(LIVE_INBOX);

      const { rows: moved } = await client.query<{ recipient_id: string; kind: string }>(
        'SELECT recipient_id, kind FROM notifications ORDER BY kind, recipient_id',
      );
      expect(moved.map((row) => [row.recipient_id, row.kind])).toEqual([
        ['influencer/zoe', 'agreement_sent'],
        ['retired/ava', 'campaign_published'],
        ['brand/brand%20sunny/team', 'new_message'],
        ['influencer/zoe', 'new_message'],
        ['retired/ava', 'selection_reminder'],
      ]);
      const { rows: scopes } = await client.query<{ scope: string }>(
        'SELECT scope FROM idempotency_keys',
      );
      expect(scopes).toEqual([{ scope: 'brand/b/user/ava' }]);

      // Every inbox's rows are numbered 1, 2…, in the order they arrived, and its head is the last.
      const { rows: positions } = await client.query<{ recipient_id: string; positions: string }>(
        `SELECT recipient_id, string_agg(position::text, ',' ORDER BY position) AS positions
         FROM notifications GROUP BY recipient_id ORDER BY recipient_id`,
      );
      expect(positions).toEqual([
        { recipient_id: 'brand/brand%20sunny/team', positions: '1' },
        { recipient_id: 'influencer/zoe', positions: '1,2' },
        { recipient_id: 'retired/ava', positions: '1,2' },
      ]);
      const { rows: heads } = await client.query<{ recipient_id: string; position: string }>(
        'SELECT recipient_id, position::text FROM inbox_heads ORDER BY recipient_id',
      );
      expect(heads).toEqual([
        { recipient_id: 'brand/brand%20sunny/team', position: '1' },
        { recipient_id: 'influencer/zoe', position: '2' },
        { recipient_id: 'retired/ava', position: '2' },
      ]);
    } finally {
      await client.end();
      await drop();
    }
  });
});
