import { randomUUID } from 'node:crypto';
import {
  consumeCampaignEvents as consumeCampaignEventsIntoMessenger,
  createSupportOutbox,
  startSupportMessageRelay,
} from '@campaign/messaging-service';
import { consumeMessagingEvents } from '@campaign/notifications-service';
import {
  MESSAGING_EVENTS_TOPIC,
  type CampaignEvent,
  type SupportMessagePosted,
} from '@campaign/contracts';
import {
  EventPublisher,
  brandTeamKey,
  ensureTopics,
  influencerKey,
  principalKey,
  supportTeamKey,
} from '@campaign/service-runtime';
import { eventually } from '@campaign/testing';
import type { Consumer } from 'kafkajs';
import request from 'supertest';
import { topicOfOwn } from './system/campaign-events';
import { bearer } from './system/campaign-system';
import { buildMessengerAndInbox } from './system/messenger-inbox-system';

// Customer-success chat, over HTTP on real PostgreSQL and Kafka: a brand user or an influencer
// opens a conversation, ops see the queue (awaiting a reply first, newest first), take one, reply
// and close it; each side hears of each message once, through the outbox, Kafka and the inbox.

type Summary = {
  id: string;
  state: string;
  assigneeId: string | null;
  awaitingReply: boolean;
  lastMessageAt: string;
};

describe('customer-success chat (real PostgreSQL and Kafka)', () => {
  const messenger = buildMessengerAndInbox('support-chat');
  const { kafka, logger, inbox, messagingApp, notificationsApp } = messenger;
  const db = messenger.messaging;
  const notificationsDb = messenger.notifications;
  const events = new EventPublisher(kafka);
  let consumer: Consumer;
  let relay: ReturnType<typeof startSupportMessageRelay>;

  const brandId = `brand-${randomUUID()}`;
  const campaignId = randomUUID();
  const ids = {
    ava: `ava-${randomUUID()}`,
    ben: `ben-${randomUUID()}`,
    opsLayla: `layla-${randomUUID()}`,
    opsOmar: `omar-${randomUUID()}`,
    influencer: `influencer-${randomUUID()}`,
  };
  let auth: Record<
    'ava' | 'ben' | 'otherBrand' | 'influencer' | 'otherInfluencer' | 'layla' | 'omar',
    string
  >;

  beforeAll(async () => {
    auth = {
      ava: await bearer({ role: 'brand', userId: ids.ava, brandId }),
      // Ava's teammate: a user of the same brand.
      ben: await bearer({ role: 'brand', userId: ids.ben, brandId }),
      // The same user id in another brand is another person.
      otherBrand: await bearer({ role: 'brand', userId: ids.ava, brandId: `other-${brandId}` }),
      influencer: await bearer({ role: 'influencer', userId: ids.influencer }),
      // The same id as Ava, as an influencer: another person again.
      otherInfluencer: await bearer({ role: 'influencer', userId: ids.ava }),
      layla: await bearer({ role: 'ops', userId: ids.opsLayla }),
      omar: await bearer({ role: 'ops', userId: ids.opsOmar }),
    };
    // The campaign's events named its brand and the influencer (the consumer records them so).
    await messenger.support.recordParties(campaignId, [
      brandTeamKey(brandId),
      influencerKey(ids.influencer),
    ]);
    await ensureTopics(kafka, [MESSAGING_EVENTS_TOPIC]);
    const running = consumeMessagingEvents({
      kafka,
      inbox,
      logger,
      groupId: `support-chat-notifications-${randomUUID()}`,
    });
    await running.running;
    consumer = running.consumer;
    relay = startSupportMessageRelay({
      outbox: createSupportOutbox(db),
      events,
      logger,
      idleMs: 50,
    });
  }, 60_000);

  afterAll(async () => {
    await relay?.stop();
    await consumer?.disconnect();
    await events.disconnect();
    await messenger.stop();
  });

  const api = () => request(messagingApp);
  const open = (who: string, body: object, key?: string) => {
    const call = api().post('/support/conversations').set('authorization', who);
    return (key ? call.set('idempotency-key', key) : call).send(body);
  };
  const write = (who: string, id: string, body: string, key?: string) => {
    const call = api().post(`/support/conversations/${id}/messages`).set('authorization', who);
    return (key ? call.set('idempotency-key', key) : call).send({ body });
  };
  const queue = async (who: string, query = 'state=open&limit=100') =>
    (await api().get(`/support/conversations?${query}`).set('authorization', who).expect(200))
      .body as { items: Summary[]; nextCursor: string | null };
  /** Who was told of a message: the inboxes its event reached. */
  const toldOf = async (messageId: string) =>
    (await notificationsDb.notification.findMany({ where: { eventId: messageId } })).map(
      (row) => row.recipientId,
    );
  const supportItems = async (who: string, text: string) =>
    (
      (
        await request(notificationsApp)
          .get('/notifications?limit=200')
          .set('authorization', who)
          .expect(200)
      ).body.items as { kind: string; body: string }[]
    ).filter((item) => item.kind === 'support_message' && item.body === text);

  /** Those awaiting a reply first, then the rest, each newest first (ties: by id). */
  const inQueueOrder = (items: Summary[]) =>
    [...items].sort(
      (a, b) =>
        Number(b.awaitingReply) - Number(a.awaitingReply) ||
        b.lastMessageAt.localeCompare(a.lastMessageAt) ||
        a.id.localeCompare(b.id),
    );

  it('runs a conversation from opening to closing, telling each side once per message', async () => {
    // An older conversation of the influencer's, already answered.
    const older = (await open(auth.influencer, { body: 'Where is my package?' }).expect(201))
      .body as Summary;
    const answer = await write(auth.omar, older.id, 'It ships today.').expect(201);

    // Ava opens one about her campaign.
    const question = `Can we extend our campaign? ${randomUUID()}`;
    const opened = await open(auth.ava, { body: question, campaignId }).expect(201);
    expect(opened.body).toMatchObject({
      requester: { role: 'brand', brandId, userId: ids.ava },
      campaignId,
      state: 'open',
      assigneeId: null,
      awaitingReply: true,
      messages: [{ senderRole: 'brand', senderId: ids.ava, body: question }],
    });
    const id = opened.body.id as string;
    const firstMessageId = opened.body.messages[0].id as string;

    // Ops see it ahead of the older, answered one; the whole queue is in that order.
    const { items } = await queue(auth.layla);
    expect(items).toEqual(inQueueOrder(items));
    const position = (conversationId: string) =>
      items.findIndex((item) => item.id === conversationId);
    expect(position(id)).toBeGreaterThanOrEqual(0);
    expect(position(id)).toBeLessThan(position(older.id));
    expect(items[position(id)]).toMatchObject({ awaitingReply: true });
    expect(items[position(older.id)]).toMatchObject({ awaitingReply: false });
    // Nobody has taken it: the support team's inbox hears of it, once.
    await eventually(async () => expect(await toldOf(firstMessageId)).toEqual([supportTeamKey()]));
    expect(await supportItems(auth.omar, question)).toHaveLength(1);
    // The influencer was told of the answer to the older one, once.
    await eventually(async () =>
      expect(await toldOf(answer.body.id)).toEqual([influencerKey(ids.influencer)]),
    );

    // Layla takes it; Omar taking it too is refused with who holds it, unless he takes it over.
    const taken = await api()
      .post(`/support/conversations/${id}/assignment`)
      .set('authorization', auth.layla)
      .send({})
      .expect(200);
    expect(taken.body).toMatchObject({ assigneeId: ids.opsLayla });
    const refused = await api()
      .post(`/support/conversations/${id}/assignment`)
      .set('authorization', auth.omar)
      .send({})
      .expect(409);
    expect(refused.body.detail).toContain(`taken by ops user ${ids.opsLayla}`);
    await api()
      .post(`/support/conversations/${id}/assignment`)
      .set('authorization', auth.omar)
      .send({ takeOver: true })
      .expect(200);
    await api()
      .post(`/support/conversations/${id}/assignment`)
      .set('authorization', auth.layla)
      .send({ takeOver: true })
      .expect(200);

    // Layla replies: the brand hears of it once, in its team inbox, which Ava and Ben both read.
    const reply = `We can: I moved the close by a week. ${randomUUID()}`;
    const replied = await write(auth.layla, id, reply).expect(201);
    await eventually(async () =>
      expect(await toldOf(replied.body.id)).toEqual([brandTeamKey(brandId)]),
    );
    expect(await supportItems(auth.ava, reply)).toEqual([
      expect.objectContaining({ kind: 'support_message', body: reply }),
    ]);
    expect(await supportItems(auth.ben, reply)).toHaveLength(1);
    expect(await supportItems(auth.otherBrand, reply)).toHaveLength(0);
    // Now answered, it sorts behind what still awaits a reply.
    const afterReply = (await queue(auth.layla)).items;
    expect(afterReply).toEqual(inQueueOrder(afterReply));
    expect(afterReply.find((item) => item.id === id)).toMatchObject({ awaitingReply: false });

    // Ava writes back: Layla, who holds it, hears of it once, and nobody else.
    const thanks = `Thanks! ${randomUUID()}`;
    const back = await write(auth.ava, id, thanks).expect(201);
    await eventually(async () =>
      expect(await toldOf(back.body.id)).toEqual([
        principalKey({ role: 'ops', userId: ids.opsLayla }),
      ]),
    );
    expect(await supportItems(auth.layla, thanks)).toHaveLength(1);
    expect(await supportItems(auth.omar, thanks)).toHaveLength(0);

    // The event again (a relay that died before marking it sent) tells nobody twice.
    const replayed = await db.supportMessage.findUniqueOrThrow({
      where: { id: back.body.id },
      include: { conversation: true },
    });
    const event: SupportMessagePosted = {
      id: replayed.id,
      type: 'SupportMessagePosted',
      version: 1,
      occurredAt: replayed.createdAt.toISOString(),
      subject: id,
      payload: {
        messageId: replayed.id,
        conversationId: id,
        campaignId,
        requester: { role: 'brand', brandId, userId: ids.ava },
        senderId: ids.ava,
        senderRole: 'brand',
        assigneeId: ids.opsLayla,
        preview: thanks,
        at: replayed.createdAt.toISOString(),
      },
    };
    await events.publish(MESSAGING_EVENTS_TOPIC, [event]);
    // A later message's notice arriving proves the replayed one was consumed before it.
    const later = await write(auth.layla, id, `Anything else? ${randomUUID()}`).expect(201);
    await eventually(async () => expect(await toldOf(later.body.id)).toHaveLength(1));
    expect(await toldOf(back.body.id)).toHaveLength(1);

    // The whole thread reads in order, for Ava, for Ben (her brand's) and for ops.
    for (const who of [auth.ava, auth.ben, auth.omar]) {
      const thread = await api()
        .get(`/support/conversations/${id}`)
        .set('authorization', who)
        .expect(200);
      expect(thread.body.messages.map((m: { body: string }) => m.body)).toEqual([
        question,
        reply,
        thanks,
        later.body.body,
      ]);
    }

    // Layla closes it: no more messages from either side, and closing again is refused.
    const closed = await api()
      .post(`/support/conversations/${id}/close`)
      .set('authorization', auth.layla)
      .expect(200);
    expect(closed.body).toMatchObject({ state: 'closed', awaitingReply: false });
    const stored = await db.supportMessage.count({ where: { conversationId: id } });
    for (const who of [auth.ava, auth.layla]) {
      const late = await write(who, id, 'One more thing').expect(409);
      expect(late.type).toBe('application/problem+json');
      expect(late.body.detail).toMatch(/is closed and takes no more messages; open a new/);
    }
    await api()
      .post(`/support/conversations/${id}/close`)
      .set('authorization', auth.layla)
      .expect(409);
    expect(await db.supportMessage.count({ where: { conversationId: id } })).toBe(stored);
    // It leaves the open queue and is listed among the closed.
    expect((await queue(auth.layla)).items.map((item) => item.id)).not.toContain(id);
    expect((await queue(auth.ava, 'state=closed')).items.map((item) => item.id)).toEqual([id]);
  });

  it('shows a conversation only to its requester (a brand: its users) and ops, others get 404', async () => {
    const mine = await open(auth.influencer, { body: 'A question of mine' }).expect(201);
    const ours = await open(auth.ava, { body: 'A question of our brand' }).expect(201);
    const read = (who: string, id: string) =>
      api().get(`/support/conversations/${id}`).set('authorization', who);

    for (const [who, id] of [
      [auth.otherBrand, ours.body.id],
      [auth.otherInfluencer, ours.body.id],
      [auth.otherInfluencer, mine.body.id],
      [auth.ava, mine.body.id],
      [auth.otherBrand, mine.body.id],
    ] as const) {
      const hidden = await read(who, id).expect(404);
      expect(hidden.body.detail).toContain(`There is no support conversation ${id} for you`);
      await write(who, id, 'Let me in').expect(404);
    }
    await read(auth.ben, ours.body.id).expect(200);
    await write(auth.ben, ours.body.id, 'My colleague asked this').expect(201);
    await read(auth.influencer, mine.body.id).expect(200);
    for (const ops of [auth.layla, auth.omar]) {
      await read(ops, mine.body.id).expect(200);
      await read(ops, ours.body.id).expect(200);
    }
    // Lists: each their own, ops everyone's.
    const listed = async (who: string) =>
      (await queue(who, 'state=all&limit=100')).items.map((item) => item.id);
    expect(await listed(auth.otherBrand)).toEqual([]);
    expect(await listed(auth.otherInfluencer)).toEqual([]);
    expect(await listed(auth.ben)).toContain(ours.body.id);
    expect(await listed(auth.ben)).not.toContain(mine.body.id);
    expect(await listed(auth.influencer)).toContain(mine.body.id);
    expect(await listed(auth.influencer)).not.toContain(ours.body.id);
    // Only the campaign's parties may name it.
    const foreign = await open(auth.otherBrand, { body: 'About theirs', campaignId }).expect(422);
    expect(foreign.body.errors).toEqual([expect.objectContaining({ path: 'body.campaignId' })]);
    await open(auth.otherInfluencer, { body: 'About theirs', campaignId }).expect(422);
    await open(auth.influencer, { body: 'About mine', campaignId }).expect(201);
    // Ops answer, they do not open.
    await open(auth.layla, { body: 'Hello?' }).expect(403);
  });

  it('answers a retried opening and a retried message once, storing nothing twice', async () => {
    const key = `open-${randomUUID()}`;
    const body = { body: `Retry me ${randomUUID()}` };
    const first = await open(auth.influencer, body, key).expect(201);
    const again = await open(auth.influencer, body, key).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(
      await db.supportMessage.count({ where: { body: body.body, senderId: ids.influencer } }),
    ).toBe(1);
    // The same key for another request is refused; another principal's same key is theirs.
    await open(auth.influencer, { body: 'Something else' }, key).expect(422);
    await open(auth.otherInfluencer, body, key).expect(201);

    const id = first.body.id as string;
    const messageKey = `message-${randomUUID()}`;
    const message = await write(auth.influencer, id, 'Still there?', messageKey).expect(201);
    const retried = await write(auth.influencer, id, 'Still there?', messageKey).expect(201);
    expect(retried.body).toEqual(message.body);
    expect(await db.supportMessage.count({ where: { conversationId: id } })).toBe(2);
    // Told once, however often it was asked.
    await eventually(async () => expect(await toldOf(message.body.id)).toHaveLength(1));

    // Ops' keyed actions replay too.
    const takeKey = `take-${randomUUID()}`;
    const take = () =>
      api()
        .post(`/support/conversations/${id}/assignment`)
        .set('authorization', auth.omar)
        .set('idempotency-key', takeKey)
        .send({});
    expect((await take().expect(200)).body).toEqual((await take().expect(200)).body);
    const closeKey = `close-${randomUUID()}`;
    const close = () =>
      api()
        .post(`/support/conversations/${id}/close`)
        .set('authorization', auth.omar)
        .set('idempotency-key', closeKey);
    const closed = await close().expect(200);
    const closedAgain = await close().expect(200);
    expect(closedAgain.headers['idempotent-replayed']).toBe('true');
    expect(closedAgain.body).toEqual(closed.body);
  });

  it('refuses hostile input with a problem naming it, storing nothing', async () => {
    const conversation = await open(auth.influencer, { body: 'Hostile test' }).expect(201);
    const id = conversation.body.id as string;
    const count = async () => ({
      conversations: await db.supportConversation.count({
        where: { ownerKey: influencerKey(ids.influencer) },
      }),
      messages: await db.supportMessage.count({ where: { senderId: ids.influencer } }),
    });
    const before = await count();
    const refusals: [request.Test, RegExp][] = [
      [open(auth.influencer, { body: 'x'.repeat(5001) }), /body\.body/],
      [open(auth.influencer, { body: 'nul \u0000 here' }), /body\.body: must not contain NUL/],
      [open(auth.influencer, { body: '   ' }), /body\.body/],
      [open(auth.influencer, {}), /body\.body/],
      [open(auth.influencer, { body: 'Hi', campaignId: 'not-a-uuid' }), /body\.campaignId/],
      [open(auth.influencer, { body: 'Hi', extra: true }), /extra/],
      [write(auth.influencer, id, 'y'.repeat(5001)), /body\.body/],
      [write(auth.influencer, id, 'nul \u0000'), /body\.body: must not contain NUL/],
      [write(auth.influencer, id, ''), /body\.body/],
      [write(auth.influencer, 'not-an-id', 'Hi'), /path\.supportConversationId/],
      [
        api().get('/support/conversations?cursor=forged.cursor').set('authorization', auth.layla),
        /cursor is not one this API returned/,
      ],
      [
        api().get('/support/conversations?state=pending').set('authorization', auth.layla),
        /query\.state/,
      ],
      [
        api().get('/support/conversations?limit=100000').set('authorization', auth.layla),
        /query\.limit/,
      ],
      [
        api().get(`/support/conversations/${id}?before=forged`).set('authorization', auth.layla),
        /cursor is not one this API returned/,
      ],
      [
        api()
          .post(`/support/conversations/${id}/assignment`)
          .set('authorization', auth.layla)
          .send({ takeOver: 'yes' }),
        /body\.takeOver/,
      ],
      [
        api()
          .post(`/support/conversations/${id}/assignment`)
          .set('authorization', auth.layla)
          .set('content-type', 'application/json')
          .send('{"takeOver": tru'),
        /JSON|Invalid|parse/i,
      ],
    ];
    for (const [call, says] of refusals) {
      const response = await call;
      expect({ status: response.status, type: response.type }).toEqual({
        status: 400,
        type: 'application/problem+json',
      });
      const reason = [
        response.body.detail,
        ...(response.body.errors ?? []).map(
          (e: { path: string; message: string }) => `${e.path}: ${e.message}`,
        ),
      ].join('\n');
      expect(reason).toMatch(says);
    }
    expect(await count()).toEqual(before);
    // Nobody took it by a refused request.
    expect(
      (await db.supportConversation.findUniqueOrThrow({ where: { id } })).assigneeId,
    ).toBeNull();
  });

  it('pages the queue with sealed cursors, each conversation once, in queue order', async () => {
    for (let i = 0; i < 5; i += 1) await open(auth.influencer, { body: `Page me ${i}` });
    const seen: Summary[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Summary[]; nextCursor: string | null } = await queue(
        auth.layla,
        `state=all&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen.map((item) => item.id)).size).toBe(seen.length);
    // Rows written meanwhile by other files may shift the order; ours keep theirs.
    const ourIds = new Set(
      (await queue(auth.influencer, 'state=all&limit=100')).items.map((item) => item.id),
    );
    const ours = seen.filter((item) => ourIds.has(item.id));
    expect(ours.length).toBe(ourIds.size);
    expect(ours).toEqual(inQueueOrder(ours));
  });

  it('lets a conversation name a campaign its events showed to be the requester’s', async () => {
    // The Messenger's campaign consumer, in a group and on a topic of this test's own.
    const topic = await topicOfOwn(kafka, 'support-chat-parties');
    const started = consumeCampaignEventsIntoMessenger({
      kafka,
      conversations: messenger.conversations,
      groups: messenger.groups,
      support: messenger.support,
      logger,
      groupId: `support-chat-messaging-${randomUUID()}`,
      topic,
    });
    await started.running;
    try {
      const published = randomUUID();
      const at = new Date().toISOString();
      const envelope = { version: 1 as const, occurredAt: at, subject: published };
      const campaignEvents: CampaignEvent[] = [
        {
          ...envelope,
          id: randomUUID(),
          type: 'CampaignPublished',
          payload: {
            campaignId: published,
            brandId,
            title: 'Winter glow',
            publishedBy: ids.ava,
            publishedAt: at,
            closesAt: at,
          },
        },
        {
          ...envelope,
          id: randomUUID(),
          type: 'ApplicationReceived',
          payload: {
            campaignId: published,
            brandId,
            influencerId: ids.influencer,
            at,
            source: 'applied',
          },
        },
      ];
      await events.publish(topic, campaignEvents);
      const about = { body: 'About our new campaign', campaignId: published };
      await eventually(async () => {
        await open(auth.influencer, about).expect(201);
      });
      // Ben, not the one who published it, speaks for the brand as well.
      await open(auth.ben, about).expect(201);
      await open(auth.otherBrand, about).expect(422);
      await open(auth.otherInfluencer, about).expect(422);
    } finally {
      await started.consumer.disconnect();
    }
  });
});
