import { randomUUID } from 'node:crypto';
import { TEST_AUTH_SECRET, testEnvironment } from '@campaign/testing';
import { createLogger, createPrismaIdempotencyStore, issueToken } from '@campaign/service-runtime';
import request from 'supertest';
import {
  buildMessagingApp,
  createCollaborationGroupStore,
  createConversationStore,
  createLiveConversations,
  createPrismaClient,
  createSupportStore,
} from '../src/app';

const env = testEnvironment();

describe('conversations (real PostgreSQL)', () => {
  const db = createPrismaClient(env.databaseUrls.messaging);
  const conversations = createConversationStore(db);
  const app = buildMessagingApp({
    logger: createLogger('messaging-test', 'silent'),
    authSecret: TEST_AUTH_SECRET,
    conversations,
    groups: createCollaborationGroupStore(db),
    support: createSupportStore(db),
    liveConversations: createLiveConversations(db),
    idempotencyStore: createPrismaIdempotencyStore(db.idempotencyKey),
    readiness: [{ name: 'database', check: () => conversations.ping() }],
  });

  afterAll(() => db.$disconnect());

  it('shows each participant only their own conversations', async () => {
    const brandA = `brand-${randomUUID()}`;
    const brandB = `brand-${randomUUID()}`;
    const influencer = `influencer-${randomUUID()}`;
    await db.conversation.createMany({
      data: [
        { brandId: brandA, influencerId: influencer },
        { brandId: brandB, influencerId: `influencer-${randomUUID()}` },
      ],
    });

    const asBrandA = await issueToken(
      { role: 'brand', userId: 'u', brandId: brandA },
      TEST_AUTH_SECRET,
    );
    const brandView = await request(app)
      .get('/conversations')
      .set('authorization', `Bearer ${asBrandA}`)
      .expect(200);
    expect(brandView.body.items.map((c: { brandId: string }) => c.brandId)).toEqual([brandA]);

    const asInfluencer = await issueToken(
      { role: 'influencer', userId: influencer },
      TEST_AUTH_SECRET,
    );
    const influencerView = await request(app)
      .get('/conversations')
      .set('authorization', `Bearer ${asInfluencer}`)
      .expect(200);
    expect(influencerView.body.items).toHaveLength(1);
    expect(influencerView.body.items[0].influencerId).toBe(influencer);
  });

  it('refuses an unauthenticated caller', async () => {
    await request(app).get('/conversations').expect(401);
  });

  it('pages a brand’s conversations newest first', async () => {
    const brandId = `brand-${randomUUID()}`;
    for (const n of [1, 2, 3]) {
      await db.conversation.create({
        data: {
          brandId,
          influencerId: `influencer-${n}`,
          createdAt: new Date(Date.UTC(2026, 10, n)),
        },
      });
    }
    const token = await issueToken({ role: 'brand', userId: 'u', brandId }, TEST_AUTH_SECRET);
    const page = async (query: string) =>
      (
        await request(app)
          .get(`/conversations?${query}`)
          .set('authorization', `Bearer ${token}`)
          .expect(200)
      ).body as { items: { influencerId: string }[]; nextCursor: string | null };
    const first = await page('limit=2');
    expect(first.items.map((c) => c.influencerId)).toEqual(['influencer-3', 'influencer-2']);
    const second = await page(`limit=2&cursor=${first.nextCursor}`);
    expect(second).toEqual({
      items: [expect.objectContaining({ influencerId: 'influencer-1' })],
      nextCursor: null,
    });
  });
});
