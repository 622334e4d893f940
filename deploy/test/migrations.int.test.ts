import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createPrismaClient as campaignDb } from '@campaign/campaign-service';
import { createPrismaClient as messagingDb } from '@campaign/messaging-service';
import { createPrismaClient as notificationsDb } from '@campaign/notifications-service';
import { testEnvironment } from '@campaign/testing';
import { Client } from 'pg';
import { applyMigrations } from '../src/database/migrate';
import { migrationsDir, serviceDatabases } from '../src/database/service-databases';

const env = testEnvironment();

describe('migrations (real PostgreSQL)', () => {
  it.each(serviceDatabases.map(({ service }) => service))(
    'recorded %s’s migrations as Prisma Migrate would, and a second run applies nothing',
    async (service) => {
      const url = env.databaseUrls[service];
      const client = new Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ migration_name: string; checksum: string }>(
        'SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name',
      );
      await client.end();
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const sql = readFileSync(
          path.join(migrationsDir(service), row.migration_name, 'migration.sql'),
        );
        expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      }
      expect(await applyMigrations(url, migrationsDir(service))).toEqual([]);
    },
  );

  it('serves every model of the campaign schema', async () => {
    const db = campaignDb(env.databaseUrls.campaign);
    try {
      const id = randomUUID();
      await db.campaign.create({
        data: {
          id,
          brandId: 'b',
          createdBy: 'u',
          title: 't',
          brief: 'b',
          qualifications: { minFollowers: 10 },
          storyImageUrls: ['https://img.example/1.jpg'],
          schedule: {},
        },
      });
      const row = await db.campaign.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ status: 'draft', storyImageUrls: ['https://img.example/1.jpg'] });
      const at = new Date();
      const campaignId = id;
      const influencerId = 'influencer-1';
      await db.application.create({
        data: { campaignId, influencerId, source: 'applied', appliedAt: at, updatedAt: at },
      });
      await db.invitation.create({
        data: { campaignId, influencerId, invitedBy: 'u', invitedAt: at },
      });
      await db.agreement.create({
        data: { campaignId, influencerId, status: 'pending', sentAt: at, deadline: at },
      });
      await db.collaborator.create({ data: { campaignId, influencerId, startedAt: at } });
      await db.opsAction.create({
        data: {
          id: randomUUID(),
          campaignId,
          actor: 'ops',
          action: 'close_early',
          reason: 'r',
          at,
        },
      });
      await db.idempotencyKey.create({ data: { scope: 'u', key: randomUUID(), requestHash: 'h' } });
      await db.result.create({
        data: {
          id: randomUUID(),
          campaignId,
          influencerId,
          postUrl: 'https://x.example/p',
          reach: 1,
          impressions: 2,
          likes: 3,
          comments: 4,
          clicks: 5,
        },
      });
      expect(await db.result.count({ where: { campaignId } })).toBe(1);
      const brandId = `brand-${randomUUID()}`;
      await db.brand.create({ data: { id: brandId, name: 'B', plan: 'enterprise' } });
      await db.influencerProfile.create({
        data: {
          id: `profile-${id}`,
          handle: `handle-${id}`,
          displayName: 'P',
          niches: ['food'],
          country: 'NL',
          followers: 10,
          engagementRate: 1.5,
          shippingAddress: { street: 's' },
        },
      });
      expect(await db.brand.findUniqueOrThrow({ where: { id: brandId } })).toMatchObject({
        plan: 'enterprise',
      });
      // Accounts: one per role, brand and address (case-blind); codes kept only as hashes.
      const accountId = randomUUID();
      const email = `Ava-${accountId}@Brand.test`;
      await db.account.create({
        data: { id: accountId, role: 'brand', brandId, name: 'A', email },
      });
      await expect(
        db.account.create({
          data: { id: randomUUID(), role: 'brand', brandId, name: 'A', email: email.toLowerCase() },
        }),
      ).rejects.toThrow();
      // A brand user needs a brand; no one else has one.
      await expect(
        db.account.create({ data: { id: randomUUID(), role: 'brand', name: 'A', email } }),
      ).rejects.toThrow();
      await db.account.create({ data: { id: randomUUID(), role: 'influencer', name: 'A', email } });
      await db.signInCode.create({
        data: {
          codeHash: new Uint8Array(32),
          accountId,
          mailId: randomUUID(),
          expiresAt: new Date(),
        },
      });
      await db.planChange.create({
        data: {
          id: randomUUID(),
          brandId,
          actor: 'ops/o',
          fromPlan: 'starter',
          toPlan: 'enterprise',
          reason: 'r',
          at: new Date(),
        },
      });
      expect(await db.account.count({ where: { brandId } })).toBe(1);
      expect(
        Number(
          (await db.influencerProfile.findUniqueOrThrow({ where: { id: `profile-${id}` } }))
            .engagementRate,
        ),
      ).toBe(1.5);
      const counts = await Promise.all([
        db.application.count({ where: { campaignId } }),
        db.invitation.count({ where: { campaignId } }),
        db.agreement.count({ where: { campaignId } }),
        db.collaborator.count({ where: { campaignId } }),
        db.opsAction.count({ where: { campaignId } }),
      ]);
      expect(counts).toEqual([1, 1, 1, 1, 1]);
    } finally {
      await db.$disconnect();
    }
  });

  it('serves every model of the messaging schema', async () => {
    const db = messagingDb(env.databaseUrls.messaging);
    try {
      const conversation = await db.conversation.create({
        data: {
          brandId: 'b',
          influencerId: 'i',
          messages: { create: [{ senderId: 'b', body: 'hello' }] },
        },
        include: { messages: true },
      });
      expect(conversation.messages.map((message) => message.body)).toEqual(['hello']);
      // Posted messages are owed to Kafka until the relay announces them.
      expect(conversation.messages[0]?.announcedAt).toBeNull();
      const member = await db.collaborationMember.create({
        data: { campaignId: randomUUID(), influencerId: 'i', brandId: 'b', startedAt: new Date() },
      });
      expect(member.brandId).toBe('b');
    } finally {
      await db.$disconnect();
    }
  });

  it('serves every model of the notifications schema, one row per event and recipient', async () => {
    const db = notificationsDb(env.databaseUrls.notifications);
    try {
      const data = { eventId: randomUUID(), recipientId: 'u', kind: 'k', title: 't', body: 'b' };
      await db.notification.create({ data });
      const again = await db.notification.createMany({ data: [data], skipDuplicates: true });
      expect(again.count).toBe(0);
      expect(await db.notification.count({ where: { eventId: data.eventId } })).toBe(1);
      const stored = await db.notification.findFirstOrThrow({ where: { eventId: data.eventId } });
      const mail = {
        notificationId: stored.id,
        eventId: data.eventId,
        recipientId: 'u',
        kind: 'k',
      };
      await db.mailOutbox.create({ data: mail });
      await expect(
        db.mailOutbox.create({ data: { ...mail, notificationId: randomUUID() } }),
      ).rejects.toThrow();
      await db.mailAddress.create({
        data: { recipientId: `u-${randomUUID()}`, email: 'u@x.test' },
      });
      // A mail about an account has no notification, and says what it says itself; a row is
      // one or the other, never both nor neither.
      const accountMail = { reason: 'sign_in', links: [] };
      await db.mailOutbox.create({
        data: { eventId: randomUUID(), recipientId: 'u', kind: 'account', accountMail },
      });
      await expect(
        db.mailOutbox.create({
          data: { eventId: randomUUID(), recipientId: 'u', kind: 'account' },
        }),
      ).rejects.toThrow();
      await expect(
        db.mailOutbox.create({
          data: { ...mail, eventId: randomUUID(), notificationId: stored.id, accountMail },
        }),
      ).rejects.toThrow();
      // One choice per person and kind.
      const choice = { recipientId: `influencer/${randomUUID()}`, kind: 'bummer', email: false };
      await db.notificationPreference.create({ data: choice });
      await expect(db.notificationPreference.create({ data: choice })).rejects.toThrow();
    } finally {
      await db.$disconnect();
    }
  });
});
