import { randomUUID } from 'node:crypto';
import {
  consumeCampaignEvents as consumeCampaignEventsIntoMessenger,
  createMessageOutbox,
  startMessageRelay,
} from '@campaign/messaging-service';
import { consumeMessagingEvents } from '@campaign/notifications-service';
import { MESSAGING_EVENTS_TOPIC } from '@campaign/contracts';
import { EventPublisher, ensureTopics } from '@campaign/service-runtime';
import { eventually } from '@campaign/testing';
import type { Consumer } from 'kafkajs';
import request from 'supertest';
import {
  bearer,
  createBrand,
  createCampaign,
  createInfluencer,
  startCampaignSystem,
  type CampaignSystem,
} from './system/campaign-system';
import { buildMessengerAndInbox } from './system/messenger-inbox-system';

// After the start the brand chats one-on-one with each collaborator or writes to the whole
// group; the other side hears of each message once, through Kafka, in their inbox.

describe('chatting with the collaboration (real PostgreSQL, Temporal and Kafka)', () => {
  const messenger = buildMessengerAndInbox('chat-test');
  const { kafka, logger, conversations, groups, inbox, messagingApp, notificationsApp } = messenger;
  const messagingPrisma = messenger.messaging;
  const notificationsPrisma = messenger.notifications;
  const events = new EventPublisher(kafka);
  let system: CampaignSystem;
  let consumers: Consumer[];
  let relay: ReturnType<typeof startMessageRelay>;

  beforeAll(async () => {
    await ensureTopics(kafka, [MESSAGING_EVENTS_TOPIC]);
    system = await startCampaignSystem('chat-test');
    const running = [
      // Groups of this file's own: sharing partitions with another file's consumers would make
      // its start and end rebalances this test's waits.
      consumeCampaignEventsIntoMessenger({
        kafka,
        conversations,
        groups,
        logger,
        groupId: `chat-test-messaging-${randomUUID()}`,
      }),
      consumeMessagingEvents({
        kafka,
        inbox,
        logger,
        groupId: `chat-test-notifications-${randomUUID()}`,
      }),
    ];
    await Promise.all(running.map((consumer) => consumer.running));
    consumers = running.map(({ consumer }) => consumer);
    relay = startMessageRelay({
      outbox: createMessageOutbox(messagingPrisma),
      events,
      logger,
      idleMs: 50,
    });
  }, 60_000);

  afterAll(async () => {
    await relay?.stop();
    await Promise.all((consumers ?? []).map((consumer) => consumer.disconnect()));
    await events.disconnect();
    await system?.stop();
    await messenger.stop();
  });

  type InboxItem = { kind: string; title: string; body: string };
  const inboxOf = async (auth: string) => {
    const response = await request(notificationsApp)
      .get('/notifications')
      .set('authorization', auth)
      .expect(200);
    return response.body.items as InboxItem[];
  };
  const newMessages = (items: InboxItem[]) => items.filter((item) => item.kind === 'new_message');

  it('writes to the whole group and one-on-one, telling the other side once', async () => {
    const brand = await createBrand(system, 'professional');
    const colleague = await bearer({
      role: 'brand',
      userId: `colleague-${randomUUID()}`,
      brandId: brand.id,
    });
    const ops = await bearer({ role: 'ops', userId: 'ops-layla' });
    const [member, other, outsider] = await Promise.all([
      createInfluencer(system),
      createInfluencer(system),
      createInfluencer(system),
    ]);
    const campaignId = await createCampaign(system, brand.auth);
    const act = async (path: string, auth: string, body: object = {}) => {
      const response = await request(system.app)
        .post(`/campaigns/${campaignId}/${path}`)
        .set('authorization', auth)
        .send(body);
      expect({ path, accepted: response.status < 300 }).toEqual({ path, accepted: true });
    };
    const both = [member.id, other.id];
    await act('applications', member.auth);
    await act('applications', other.auth);
    await act('selection', brand.auth, { influencerIds: both, status: 'selected' });
    await act('agreements', brand.auth, { influencerIds: both });
    await act('agreement/sign', member.auth);

    const groupMessage = (auth: string, body: object = { body: 'Welcome aboard!' }) =>
      request(messagingApp)
        .post(`/campaigns/${campaignId}/group-messages`)
        .set('authorization', auth)
        .send(body);
    // Before the start there is no group to write to.
    const early = await groupMessage(brand.auth).expect(404);
    expect(early.body.detail).toContain('no started collaboration');

    await act('close', ops, { reason: 'the brand asked to start sooner' });
    await act('collaboration', brand.auth);

    // The Messenger learns the group from Kafka and opens a conversation with the member only.
    const sent = await eventually(async () => {
      const response = await groupMessage(brand.auth);
      expect(response.status).toBe(201);
      return response.body;
    });
    expect(sent).toMatchObject({ campaignId, recipients: 1 });
    const conversationId = sent.messages[0].conversationId as string;

    const mine = await request(messagingApp)
      .get('/conversations')
      .set('authorization', member.auth)
      .expect(200);
    expect(mine.body.items).toEqual([expect.objectContaining({ id: conversationId, campaignId })]);
    const notInGroup = await request(messagingApp)
      .get('/conversations')
      .set('authorization', other.auth)
      .expect(200);
    expect(notInGroup.body.items).toEqual([]);

    // The member hears of it in the inbox, with a preview; the one who never signed does not.
    await eventually(async () => {
      expect(newMessages(await inboxOf(member.auth))).toEqual([
        expect.objectContaining({
          title: 'New message in your Messenger',
          body: 'Welcome aboard!',
        }),
      ]);
    });
    expect(newMessages(await inboxOf(other.auth))).toEqual([]);

    // The member answers one-on-one; every user of the brand sees it in the brand's inbox.
    const reply = await request(messagingApp)
      .post(`/conversations/${conversationId}/messages`)
      .set('authorization', member.auth)
      .send({ body: 'Thanks! My address is in my profile.' })
      .expect(201);
    expect(reply.body).toMatchObject({
      conversationId,
      senderId: member.id,
      senderRole: 'influencer',
    });
    for (const user of [brand.auth, colleague]) {
      await eventually(async () => {
        expect(newMessages(await inboxOf(user))).toEqual([
          expect.objectContaining({ body: 'Thanks! My address is in my profile.' }),
        ]);
      });
    }
    const thread = await request(messagingApp)
      .get(`/conversations/${conversationId}/messages`)
      .set('authorization', colleague)
      .expect(200);
    expect(thread.body.items.map((m: { body: string }) => m.body)).toEqual([
      'Welcome aboard!',
      'Thanks! My address is in my profile.',
    ]);

    // Announced again after a crash between Kafka and the mark: still one notification.
    await messagingPrisma.message.update({
      where: { id: reply.body.id },
      data: { announcedAt: null },
    });
    await eventually(async () => {
      const row = await messagingPrisma.message.findUniqueOrThrow({ where: { id: reply.body.id } });
      expect(row.announcedAt).not.toBeNull();
    });
    const marker = await request(messagingApp)
      .post(`/conversations/${conversationId}/messages`)
      .set('authorization', brand.auth)
      .send({ body: 'Your package ships on Monday.' })
      .expect(201);
    await eventually(async () => {
      expect(newMessages(await inboxOf(member.auth))).toHaveLength(2);
    });
    expect(marker.body.senderId).toBe(`user-of-${brand.id}`);
    expect(
      await notificationsPrisma.notification.count({ where: { eventId: reply.body.id } }),
    ).toBe(1);

    // Refusals: not theirs, not for their role, not a message.
    const strangerBrand = await createBrand(system, 'enterprise');
    const notTheirs = await groupMessage(strangerBrand.auth).expect(404);
    expect(notTheirs.body.detail).toContain('no started collaboration');
    const influencerGroup = await groupMessage(member.auth).expect(403);
    expect(influencerGroup.body.detail).toContain('for the role(s): brand, ops');
    await groupMessage(brand.auth, { body: '   ' }).expect(400);
    const intruder = await request(messagingApp)
      .post(`/conversations/${conversationId}/messages`)
      .set('authorization', outsider.auth)
      .send({ body: 'Hello?' })
      .expect(404);
    expect(intruder.body.detail).toContain('no conversation');
    const stored = await messagingPrisma.message.count({ where: { conversationId } });
    expect(stored).toBe(3);

    // A retried post with the same Idempotency-Key gets the first reply and is stored once.
    const retried = () =>
      request(messagingApp)
        .post(`/campaigns/${campaignId}/group-messages`)
        .set('authorization', brand.auth)
        .set('idempotency-key', `group-${campaignId}`)
        .send({ body: 'Shooting day is Friday.' });
    const first = await retried().expect(201);
    const again = await retried().expect(201);
    expect(again.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await messagingPrisma.message.count({ where: { conversationId } })).toBe(4);

    // Ops help over chat: both sides hear of it.
    await request(messagingApp)
      .post(`/conversations/${conversationId}/messages`)
      .set('authorization', ops)
      .send({ body: 'Customer success here, all set?' })
      .expect(201);
    // A long thread reads page by page, scrolling back from the newest.
    const page = async (query: string) =>
      (
        await request(messagingApp)
          .get(`/conversations/${conversationId}/messages?${query}`)
          .set('authorization', member.auth)
          .expect(200)
      ).body as { items: { body: string }[]; olderCursor: string | null };
    const newest = await page('limit=2');
    expect(newest.items.map((m) => m.body)).toEqual([
      'Shooting day is Friday.',
      'Customer success here, all set?',
    ]);
    const older = await page(`limit=2&before=${newest.olderCursor}`);
    expect(older.items.map((m) => m.body)).toEqual([
      'Thanks! My address is in my profile.',
      'Your package ships on Monday.',
    ]);
    const oldest = await page(`limit=2&before=${older.olderCursor}`);
    expect(oldest).toEqual({
      items: [expect.objectContaining({ body: 'Welcome aboard!' })],
      olderCursor: null,
    });

    await eventually(async () => {
      const brandSide = newMessages(await inboxOf(brand.auth));
      expect(brandSide.map((item) => item.title)).toContain('Customer success wrote to you');
      const memberSide = newMessages(await inboxOf(member.auth));
      expect(memberSide.map((item) => item.title)).toContain('Customer success wrote to you');
    });
  });
});
