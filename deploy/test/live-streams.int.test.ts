import { randomUUID } from 'node:crypto';
import {
  buildNotificationsApp,
  createNewsletterSubscriptions,
  createUnsubscribeLinks,
  createInboxListener,
  createInboxStore,
  createPreferenceStore,
  createPrismaClient,
} from '@campaign/notifications-service';
import {
  brandTeamKey,
  brandUserKey,
  createLogger,
  createPrismaIdempotencyStore,
  influencerKey,
  issueToken,
  openEventStreamsOf,
  type Identity,
} from '@campaign/service-runtime';
import { TEST_AUTH_SECRET, eventually, testEnvironment } from '@campaign/testing';
import type { Express } from 'express';
import { Client } from 'pg';
import request from 'supertest';
import { followStream, listen, type EventStreamClient } from './system/event-stream-client';
import { buildMessengerAndInbox } from './system/messenger-inbox-system';

const env = testEnvironment();
const token = (identity: Identity) => issueToken(identity, TEST_AUTH_SECRET);

/** One replica of the notifications service, as main.ts wires it: its own pool and listener. */
function notificationsReplica(name: string, options: { requestDeadlineMs?: number } = {}) {
  const logger = createLogger(name, 'silent');
  const db = createPrismaClient(env.databaseUrls.notifications);
  const inbox = createInboxStore(db);
  const applicationName = `${name}-${randomUUID()}`;
  const live = createInboxListener(env.databaseUrls.notifications, logger, applicationName).start();
  const app = buildNotificationsApp({
    logger,
    authSecret: TEST_AUTH_SECRET,
    inbox,
    newsletter: {
      subscriptions: createNewsletterSubscriptions(db),
      links: createUnsubscribeLinks({
        authSecret: TEST_AUTH_SECRET,
        publicUrl: 'http://127.0.0.1',
      }),
    },
    preferences: createPreferenceStore(db),
    live,
    idempotencyStore: createPrismaIdempotencyStore(db.idempotencyKey),
    readiness: [],
    eventStreamsPerPrincipal: 3,
    ...options,
  });
  return {
    app,
    inbox,
    live,
    /** Kills the replica's listening connection, as a database restart or a network cut would. */
    async cutListener() {
      const admin = new Client({ connectionString: env.databaseUrls.notifications });
      await admin.connect();
      const { rowCount } = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
        [applicationName],
      );
      await admin.end();
      expect(rowCount).toBe(1);
    },
    async stop() {
      await live.stop();
      await db.$disconnect();
    },
  };
}

const note = (recipientId: string, title: string) => ({
  recipientId,
  kind: 'new_message' as const,
  title,
  body: 'b',
  campaignId: null,
});

const titles = (client: EventStreamClient) =>
  client.of('notification').map((event) => (event.data as { title: string }).title);

describe('live inboxes across replicas (real PostgreSQL, LISTEN/NOTIFY)', () => {
  // Replica A writes (its consumers' path: the inbox store), replica B serves the stream; both
  // on one database, as two processes of the service would be.
  const replicaA = notificationsReplica('live-replica-a');
  const replicaB = notificationsReplica('live-replica-b', { requestDeadlineMs: 500 });
  let urlB: string;
  let closeB: () => Promise<void>;
  const clients: EventStreamClient[] = [];
  const follow = async (...args: Parameters<typeof followStream>) => {
    const client = await followStream(...args);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    ({ url: urlB, close: closeB } = await listen(replicaB.app));
    await eventually(async () => expect(replicaB.live.connected).toBe(true));
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await closeB();
    await replicaA.stop();
    await replicaB.stop();
  });

  it('delivers a notification written by replica A to a follower on replica B, live, past the request deadline', async () => {
    const influencer: Identity = { role: 'influencer', userId: `live-${randomUUID()}` };
    const client = await follow(`${urlB}/notifications/stream`, await token(influencer));
    expect(client.status).toBe(200);
    expect(client.res.headers['content-type']).toBe('text/event-stream');
    const [ready] = await client.waitFor('ready', 1);
    expect(ready!.id).toBe('0');
    // Longer than replica B's request deadline (500 ms): an open stream is exempt from it.
    await new Promise((resolve) => setTimeout(resolve, 800));
    await replicaA.inbox.deliver(randomUUID(), [
      note(influencerKey(influencer.userId), 'live one'),
    ]);
    const [received] = await client.waitFor('notification', 1);
    expect(received).toMatchObject({ id: '1', data: { title: 'live one', kind: 'new_message' } });
    expect(client.ended).toBe(false);
  });

  it('gives a client that reconnects with Last-Event-ID exactly what it missed, in order, then live ones', async () => {
    const influencer: Identity = { role: 'influencer', userId: `resume-${randomUUID()}` };
    const inbox = influencerKey(influencer.userId);
    const auth = await token(influencer);
    const first = await follow(`${urlB}/notifications/stream`, auth);
    await first.waitFor('ready', 1);
    await replicaA.inbox.deliver(randomUUID(), [note(inbox, 'seen 1')]);
    await first.waitFor('notification', 1);
    const lastSeen = first.lastEventId!;
    first.close();

    // Missed while away: more than one read's batch (100), one event each.
    const missed = Array.from({ length: 130 }, (_, i) => `missed ${i + 1}`);
    for (const title of missed) await replicaA.inbox.deliver(randomUUID(), [note(inbox, title)]);
    // A redelivered event adds nothing (and takes a position no row has: ids may skip).
    const redelivered = randomUUID();
    await replicaA.inbox.deliver(redelivered, [note(inbox, 'once')]);
    await replicaA.inbox.deliver(redelivered, [note(inbox, 'once')]);

    const again = await follow(`${urlB}/notifications/stream`, auth, { lastEventId: lastSeen });
    // Rows that commit while the backlog is being sent: no gap, no repeat.
    const during = Array.from({ length: 20 }, (_, i) => `during ${i + 1}`);
    await Promise.all(
      during.map((title) => replicaA.inbox.deliver(randomUUID(), [note(inbox, title)])),
    );
    await again.waitFor('ready', 1);
    const total = missed.length + 1 + during.length;
    await again.waitFor('notification', total);
    await replicaA.inbox.deliver(randomUUID(), [note(inbox, 'after')]);
    await again.waitFor('notification', total + 1);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const got = titles(again);
    expect(got.slice(0, missed.length + 1)).toEqual([...missed, 'once']);
    expect(got.slice(missed.length + 1, total).sort()).toEqual([...during].sort());
    expect(got.at(-1)).toBe('after');
    expect(got).toHaveLength(total + 1);
    expect(new Set(got).size).toBe(got.length);
    // Ids only grow, so a reconnect with any of them resumes exactly there.
    const ids = again.of('notification').map((event) => Number(event.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(Number(lastSeen)).toBeLessThan(ids[0]!);
  });

  it('follows a brand user’s own inbox and their team’s as one stream, resumable with its two positions', async () => {
    const brandId = `brand-${randomUUID()}`;
    const user: Identity = { role: 'brand', userId: 'u1', brandId };
    // The same user id in another brand is another person, with another inbox.
    const namesake: Identity = { role: 'brand', userId: 'u1', brandId: `other-${randomUUID()}` };
    const auth = await token(user);
    const client = await follow(`${urlB}/notifications/stream`, auth);
    const stranger = await follow(`${urlB}/notifications/stream`, await token(namesake));
    await client.waitFor('ready', 1);
    await stranger.waitFor('ready', 1);
    expect(client.lastEventId).toBe('0.0');
    await replicaA.inbox.deliver(randomUUID(), [note(brandTeamKey(brandId), 'to the team')]);
    await replicaA.inbox.deliver(randomUUID(), [note(brandUserKey(brandId, 'u1'), 'to u1')]);
    await client.waitFor('notification', 2);
    // Each id holds both positions after its event; which inbox's row comes first is whichever
    // the stream read first, so both orders are right.
    const ids = client.of('notification').map((event) => event.id);
    expect([
      ['0.1', '1.1'],
      ['1.0', '1.1'],
    ]).toContainEqual(ids);
    expect(titles(client).sort()).toEqual(['to the team', 'to u1']);
    client.close();

    await replicaA.inbox.deliver(randomUUID(), [note(brandTeamKey(brandId), 'missed')]);
    const again = await follow(`${urlB}/notifications/stream`, auth, { lastEventId: '1.1' });
    await again.waitFor('notification', 1);
    expect(again.of('notification')).toMatchObject([{ id: '1.2', data: { title: 'missed' } }]);
    expect(stranger.of('notification')).toEqual([]);
  });

  it('loses nothing while its listening connection is cut: the reconnect reads from each follower’s position', async () => {
    const influencer: Identity = { role: 'influencer', userId: `cut-${randomUUID()}` };
    const inbox = influencerKey(influencer.userId);
    const client = await follow(`${urlB}/notifications/stream`, await token(influencer));
    await client.waitFor('ready', 1);
    await replicaB.cutListener();
    // Written while nobody on replica B listens: its notice is lost, the row is not.
    await replicaA.inbox.deliver(randomUUID(), [note(inbox, 'while cut')]);
    await eventually(async () => expect(replicaB.live.connected).toBe(true));
    await replicaA.inbox.deliver(randomUUID(), [note(inbox, 'after the reconnect')]);
    await client.waitFor('notification', 2);
    expect(titles(client)).toEqual(['while cut', 'after the reconnect']);
    expect(client.ended).toBe(false);
  });

  it('refuses a malformed or forged Last-Event-ID with 400 problem+json naming it', async () => {
    const influencer: Identity = { role: 'influencer', userId: `forged-${randomUUID()}` };
    const auth = `Bearer ${await token(influencer)}`;
    await replicaA.inbox.deliver(randomUUID(), [note(influencerKey(influencer.userId), 'one')]);
    for (const forged of ['abc', '-1', '1e3', '01', '1.1', '2', '99999999999999999999', ' ']) {
      const res = await request(urlB)
        .get('/notifications/stream')
        .set('authorization', auth)
        .set('accept', 'text/event-stream')
        .set('last-event-id', forged)
        .expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'header.last-event-id' })]);
    }
    const query = await request(urlB)
      .get('/notifications/stream?after=7')
      .set('authorization', auth)
      .expect(400);
    expect(query.body.errors).toEqual([expect.objectContaining({ path: 'query.after' })]);
  });

  it('answers a request that does not ask for a live stream with the backlog, then ends', async () => {
    const influencer: Identity = { role: 'influencer', userId: `catch-up-${randomUUID()}` };
    await replicaA.inbox.deliver(randomUUID(), [note(influencerKey(influencer.userId), 'one')]);
    await replicaA.inbox.deliver(randomUUID(), [note(influencerKey(influencer.userId), 'two')]);
    const res = await request(urlB)
      .get('/notifications/stream?after=1')
      .set('authorization', `Bearer ${await token(influencer)}`)
      .expect(200);
    expect(res.headers['content-type']).toBe('text/event-stream');
    expect(res.text).toContain('event: notification\nid: 2\n');
    expect(res.text).toContain('"title":"two"');
    expect(res.text).not.toContain('"title":"one"');
    expect(res.text).toContain('event: ready\nid: 2\n');
  });

  it('limits the streams one principal holds open, and ends them all on shutdown', async () => {
    const influencer: Identity = { role: 'influencer', userId: `limit-${randomUUID()}` };
    const auth = await token(influencer);
    const open = await Promise.all(
      [1, 2, 3].map(() => follow(`${urlB}/notifications/stream`, auth)),
    );
    for (const client of open) await client.waitFor('ready', 1);
    const refused = await request(urlB)
      .get('/notifications/stream')
      .set('authorization', `Bearer ${auth}`)
      .set('accept', 'text/event-stream')
      .expect(429);
    expect(refused.body.title).toBe('Too many open streams');
    // Someone else is not held back by it.
    const other = await follow(
      `${urlB}/notifications/stream`,
      await token({ role: 'ops', userId: 'u-limit' }),
    );
    expect(other.status).toBe(200);

    // What `serve` does on SIGTERM: every stream ends, and its client reconnects elsewhere.
    openEventStreamsOf(replicaB.app)!.closeAll();
    for (const client of [...open, other]) await client.waitForEnd();
    expect(openEventStreamsOf(replicaB.app)!.size).toBe(0);
    await eventually(async () => expect(replicaB.live.subscriptions).toBe(0));
  });
});

describe('live Messenger conversations (real PostgreSQL)', () => {
  const messenger = buildMessengerAndInbox('live-conversations');
  let url: string;
  let close: () => Promise<void>;
  const clients: EventStreamClient[] = [];
  const brandId = `brand-${randomUUID()}`;
  const influencerId = `influencer-${randomUUID()}`;
  const campaignId = randomUUID();
  let conversationId: string;

  beforeAll(async () => {
    ({ url, close } = await listen(messenger.messagingApp as Express));
    await eventually(async () => expect(messenger.conversationListener.connected).toBe(true));
    await messenger.conversations.deliver({
      messageId: randomUUID(),
      campaignId,
      brandId,
      influencerId,
      senderId: 'ava',
      body: 'Would you like to join?',
      at: new Date(),
    });
    const row = await messenger.messaging.conversation.findFirstOrThrow({
      where: { brandId, influencerId },
    });
    conversationId = row.id;
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await close();
    await messenger.stop();
  });

  it('is followed live by its influencer: the backlog after Last-Event-ID, then each new message', async () => {
    const influencer: Identity = { role: 'influencer', userId: influencerId };
    const client = await followStream(
      `${url}/conversations/${conversationId}/stream`,
      await token(influencer),
      { lastEventId: '0' },
    );
    clients.push(client);
    const [invite] = await client.waitFor('message', 1);
    expect(invite).toMatchObject({ id: '1', data: { body: 'Would you like to join?' } });
    await client.waitFor('ready', 1);

    await request(messenger.messagingApp)
      .post(`/conversations/${conversationId}/messages`)
      .set('authorization', `Bearer ${await token({ role: 'brand', userId: 'ava', brandId })}`)
      .send({ body: 'Hello from the brand' })
      .expect(201);
    const messages = await client.waitFor('message', 2);
    expect(messages[1]).toMatchObject({
      id: '2',
      data: { body: 'Hello from the brand', senderRole: 'brand', conversationId },
    });
  });

  it('lets ops follow it, and no one outside it', async () => {
    const ops = await followStream(
      `${url}/conversations/${conversationId}/stream`,
      await token({ role: 'ops', userId: 'layla' }),
    );
    clients.push(ops);
    expect(ops.status).toBe(200);
    await ops.waitFor('ready', 1);

    for (const outsider of [
      { role: 'influencer', userId: `stranger-${randomUUID()}` },
      { role: 'brand', userId: 'ava', brandId: `other-${randomUUID()}` },
      // The participant's id, in another role: another person.
      { role: 'brand', userId: influencerId, brandId: influencerId },
    ] as Identity[]) {
      const res = await request(url)
        .get(`/conversations/${conversationId}/stream`)
        .set('authorization', `Bearer ${await token(outsider)}`)
        .set('accept', 'text/event-stream')
        .expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const forged = await request(url)
      .get(`/conversations/${conversationId}/stream`)
      .set('authorization', `Bearer ${await token({ role: 'ops', userId: 'layla' })}`)
      .set('accept', 'text/event-stream')
      .set('last-event-id', '1000')
      .expect(400);
    expect(forged.body.errors).toEqual([expect.objectContaining({ path: 'header.last-event-id' })]);
  });
});
