import { randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  createNewsletterEditions,
  createPrismaClient,
  type NotificationsDb,
} from '@campaign/notifications-service';
import { eventually, testEnvironment } from '@campaign/testing';
import { dataDir, newsletterMoment, profiles, startMaildev } from '../src';
import { databaseOfOwn } from './system/database-of-own';
import { exited, spawnMailSender } from './system/mail-sender-spawn';

// A 10,000-recipient newsletter whose mail sender is stopped, then killed, in the middle: every
// digest is still delivered, and each once. The database and the SMTP server (maildev) are this
// test's own, so its senders are the only ones taking these mails, and its mailbox holds only them.

const RECIPIENTS = 10_000;
const CONCURRENCY = 10;
const DAY_MS = 24 * 60 * 60 * 1000;

type DeliveredDigest = { to: { address: string }[]; headers: Record<string, string> };

describe('a newsletter of 10,000 whose sender is stopped and killed mid-way (real PostgreSQL and SMTP server)', () => {
  const env = testEnvironment();
  let database: Awaited<ReturnType<typeof databaseOfOwn>>;
  let db: NotificationsDb;
  let mail: Awaited<ReturnType<typeof startMaildev>>;
  const domain = `kill-${randomUUID().slice(0, 8)}.campaign-platform.test`;

  beforeAll(async () => {
    database = await databaseOfOwn('notifications', 'newsletter_killed');
    db = createPrismaClient(database.url);
    mail = await startMaildev({
      dataDir: path.join(dataDir('test'), 'newsletter-killed-test'),
      smtpPort: profiles.test.smtpPort + 60,
      webPort: profiles.test.mailWebPort + 60,
      name: `maildev-newsletter-${randomUUID()}`,
    });
  });

  afterAll(async () => {
    await mail?.stop();
    await db?.$disconnect();
    await database?.drop();
  });

  const sentCount = () => db.mailOutbox.count({ where: { sentAt: { not: null } } });

  async function allDelivered(): Promise<DeliveredDigest[]> {
    const response = await fetch(new URL('/api/email', mail.webUrl));
    if (!response.ok) throw new Error(`maildev answered ${response.status}`);
    return (await response.json()) as DeliveredDigest[];
  }

  it('delivers every digest, each once by its Message-ID, and none lost', async () => {
    // 10,000 subscribed influencers who all qualify, each with an address of their own.
    await db.$executeRaw`
      INSERT INTO influencer_audience (recipient_id, influencer_id, followers, niches, country, changed_at)
      SELECT 'influencer/kill-' || n, 'kill-' || n, 1000 + n, ARRAY['travel'], 'FR', now()
      FROM generate_series(1, ${RECIPIENTS}) AS n`;
    await db.$executeRaw`
      INSERT INTO mail_addresses (recipient_id, email)
      SELECT 'influencer/kill-' || n, 'kill-' || n || '@' || ${domain}
      FROM generate_series(1, ${RECIPIENTS}) AS n`;
    const editions = createNewsletterEditions(db, { settleMs: 0 });
    const day = new Date(Date.UTC(1960, 0, 1) + Math.floor(Math.random() * 3_000) * DAY_MS)
      .toISOString()
      .slice(0, 10);
    await editions.file(
      newsletterMoment({
        day,
        title: 'Around the world',
        brandId: 'brand-killed-test',
        qualifications: { niches: ['travel'] },
      }),
    );
    expect(await editions.composeNext()).toEqual({ day, digests: RECIPIENTS });
    expect(await db.mailOutbox.count()).toBe(RECIPIENTS);

    const wiring = {
      databaseUrl: database.url,
      kafkaBrokers: env.kafkaBrokers.join(','),
      smtpPort: mail.smtpPort,
      concurrency: CONCURRENCY,
      leaseSeconds: 2,
    };
    // Stopped as an orchestrator stops a process (SIGTERM): it finishes the mails in flight.
    const first = spawnMailSender(wiring);
    await eventually(async () => expect(await sentCount()).toBeGreaterThanOrEqual(2_000), {
      timeoutMs: 90_000,
    });
    first.kill('SIGTERM');
    await exited(first);
    const afterStop = await sentCount();
    expect(afterStop).toBeLessThan(RECIPIENTS);
    // Stopped, it repeated nothing: the server holds exactly the mails marked sent.
    expect(await allDelivered()).toHaveLength(afterStop);

    // Killed outright (SIGKILL): the mails it held wait out its lease, then go again.
    const second = spawnMailSender(wiring);
    await eventually(
      async () => expect(await sentCount()).toBeGreaterThanOrEqual(afterStop + 2_000),
      { timeoutMs: 90_000 },
    );
    second.kill('SIGKILL');
    await exited(second);
    const afterKill = await sentCount();
    expect(afterKill).toBeLessThan(RECIPIENTS);

    const third = spawnMailSender(wiring);
    try {
      await eventually(async () => expect(await sentCount()).toBe(RECIPIENTS), {
        timeoutMs: 120_000,
        intervalMs: 500,
      });
    } finally {
      third.kill('SIGTERM');
      await exited(third);
    }

    // Rows: every digest marked sent, none skipped, each claimed by one sender at a time.
    const rows = await db.mailOutbox.findMany({ select: { sentAt: true, skipped: true } });
    expect(rows).toHaveLength(RECIPIENTS);
    expect(rows.filter((row) => row.sentAt === null || row.skipped !== null)).toEqual([]);

    // Mails: every recipient has their digest, and only ever one digest (one Message-ID) each.
    // A mail the SMTP server took just before SIGKILL, not yet marked, goes again with its own
    // Message-ID (receiving mailboxes keep one of each): per connection, at most the mail being
    // sent and the one before it, whose mark was being written (see mail-sender.ts).
    const delivered = await allDelivered();
    const idsByRecipient = new Map<string, Set<string>>();
    for (const digest of delivered) {
      const [to] = digest.to;
      const ids = idsByRecipient.get(to!.address) ?? new Set<string>();
      ids.add(digest.headers['message-id']!);
      idsByRecipient.set(to!.address, ids);
    }
    expect(idsByRecipient.size).toBe(RECIPIENTS);
    expect([...idsByRecipient.values()].filter((ids) => ids.size !== 1)).toEqual([]);
    const repeats = delivered.length - RECIPIENTS;
    expect(repeats).toBeGreaterThanOrEqual(0);
    expect(repeats).toBeLessThanOrEqual(2 * CONCURRENCY);
    console.log(
      `newsletter of ${RECIPIENTS}: ${afterStop} sent before the stop, ${afterKill} before the kill, ` +
        `${delivered.length} mails received (${repeats} repeated by the kill, same Message-ID)`,
    );
  });
});
