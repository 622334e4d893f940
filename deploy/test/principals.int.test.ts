import { randomUUID } from 'node:crypto';
import {
  brandTeamKey,
  brandUserKey,
  influencerKey,
  type Identity,
} from '@campaign/service-runtime';
import request from 'supertest';
import { bearer } from './system/campaign-system';
import { buildMessengerAndInbox } from './system/messenger-inbox-system';

/**
 * One identity, one key: user ids are unique only within a role and a brand, so influencer `u`,
 * user `u` of brand A and user `u` of brand B are three people. Per store, over HTTP on the real
 * databases: they never share an inbox, a conversation or an idempotent reply.
 */
describe('principals with equal user ids never meet (real PostgreSQL)', () => {
  const messenger = buildMessengerAndInbox('principals-test');
  const same = `same-${randomUUID()}`;
  const brandA = `brand-a-${randomUUID()}`;
  const brandB = `brand-b-${randomUUID()}`;
  const people: Record<string, Identity> = {
    influencer: { role: 'influencer', userId: same },
    userOfA: { role: 'brand', userId: same, brandId: brandA },
    userOfB: { role: 'brand', userId: same, brandId: brandB },
    ops: { role: 'ops', userId: same },
    // An influencer whose id reads like the old team-inbox key of brand A.
    lookalike: { role: 'influencer', userId: `brand:${brandA}` },
  };

  afterAll(async () => {
    await messenger.stop();
  });

  const titlesOf = async (who: keyof typeof people) => {
    const { body } = await request(messenger.notificationsApp)
      .get('/notifications')
      .set('authorization', await bearer(people[who]!))
      .expect(200);
    return (body.items as { title: string }[]).map((item) => item.title).sort();
  };

  it('keeps every inbox its own', async () => {
    const eventId = randomUUID();
    await messenger.inbox.deliver(eventId, [
      {
        recipientId: influencerKey(same),
        kind: 'agreement_sent',
        title: 'to the influencer',
        body: 'b',
        campaignId: null,
      },
      {
        recipientId: brandUserKey(brandA, same),
        kind: 'campaign_published',
        title: 'to user of A',
        body: 'b',
        campaignId: null,
      },
      {
        recipientId: brandTeamKey(brandA),
        kind: 'new_message',
        title: 'to team A',
        body: 'b',
        campaignId: null,
      },
      {
        recipientId: brandUserKey(brandB, same),
        kind: 'campaign_published',
        title: 'to user of B',
        body: 'b',
        campaignId: null,
      },
    ]);
    expect(await titlesOf('influencer')).toEqual(['to the influencer']);
    expect(await titlesOf('userOfA')).toEqual(['to team A', 'to user of A']);
    expect(await titlesOf('userOfB')).toEqual(['to user of B']);
    // Ops also read the support team's inbox, which other tests' support messages reach: none of
    // this test's notifications may be among what they see.
    const mine = (titles: string[]) => titles.filter((title) => title.startsWith('to '));
    expect(mine(await titlesOf('ops'))).toEqual([]);
    expect(await titlesOf('lookalike')).toEqual([]);

    // Nor can one mark another's notification read.
    const row = await messenger.notifications.notification.findFirstOrThrow({
      where: { eventId, recipientId: brandUserKey(brandA, same) },
    });
    await request(messenger.notificationsApp)
      .post(`/notifications/${row.id}/read`)
      .set('authorization', await bearer(people.userOfB!))
      .expect(404);
  });

  it('keeps a conversation to its brand and its influencer', async () => {
    const campaignId = randomUUID();
    await messenger.conversations.deliver({
      messageId: randomUUID(),
      campaignId,
      brandId: brandA,
      influencerId: same,
      senderId: same,
      body: 'An invitation',
      at: new Date(),
    });
    const conversation = await messenger.messaging.conversation.findFirstOrThrow({
      where: { campaignId },
    });
    const read = async (who: keyof typeof people) =>
      (
        await request(messenger.messagingApp)
          .get(`/conversations/${conversation.id}/messages`)
          .set('authorization', await bearer(people[who]!))
      ).status;
    expect(await read('influencer')).toBe(200);
    expect(await read('userOfA')).toBe(200);
    expect(await read('userOfB')).toBe(404);
    expect(await read('lookalike')).toBe(404);
    const listed = await request(messenger.messagingApp)
      .get('/conversations')
      .set('authorization', await bearer(people.userOfB!))
      .expect(200);
    expect(listed.body.items).toEqual([]);
  });

  it('never replays one principal’s keyed reply to another', async () => {
    const conversations = await messenger.messaging.conversation.findMany({
      where: { brandId: brandA, influencerId: same },
    });
    const url = `/conversations/${conversations[0]!.id}/messages`;
    const key = `shared-key-${randomUUID()}`;
    const post = async (who: keyof typeof people) =>
      request(messenger.messagingApp)
        .post(url)
        .set('authorization', await bearer(people[who]!))
        .set('idempotency-key', key)
        .send({ body: 'Hello with a shared key' });
    const byInfluencer = await post('influencer');
    expect(byInfluencer.status).toBe(201);
    // The same user id, key and body in another role is its own request: judged as such.
    const byUserOfA = await post('userOfA');
    expect(byUserOfA.status).toBe(201);
    expect(byUserOfA.headers['idempotent-replayed']).toBeUndefined();
    expect(byUserOfA.body.id).not.toBe(byInfluencer.body.id);
    const byUserOfB = await post('userOfB');
    expect(byUserOfB.status).toBe(404);
    expect((await post('influencer')).headers['idempotent-replayed']).toBe('true');
  });
});
