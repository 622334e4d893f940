import { randomUUID } from 'node:crypto';
import { CampaignEvent } from '@campaign/contracts';
import { buildMessagingApp } from '@campaign/messaging-service';
import {
  EventPublisher,
  createPrismaIdempotencyStore,
  deadLetterDesk,
  issueToken,
  listParkedEvents,
  runEventConsumer,
  sealCursor,
} from '@campaign/service-runtime';
import { TEST_AUTH_SECRET, eventually } from '@campaign/testing';
import type { Consumer } from 'kafkajs';
import request from 'supertest';
import { problemReason } from './system/documented-refusals';
import { invitation, topicOfOwn } from './system/campaign-events';
import { buildMessengerAndInbox } from './system/messenger-inbox-system';

// Customer success lists the events a service's consumer groups parked and replays them over
// HTTP, as `./deploy/dead-letters` does: each goes back to the group that parked it, once, and is
// handled there once; the listing names the event, never what it says.

describe('parked events over HTTP for ops (real Kafka)', () => {
  const system = buildMessengerAndInbox('dead-letters-over-http-test');
  const { kafka, logger } = system;
  const events = new EventPublisher(kafka);
  const consumers: Consumer[] = [];
  let ops: string;
  let brand: string;

  beforeAll(async () => {
    ops = await issueToken({ role: 'ops', userId: 'olga' }, TEST_AUTH_SECRET);
    brand = await issueToken({ role: 'brand', userId: 'ava', brandId: 'glow' }, TEST_AUTH_SECRET);
  });

  afterAll(async () => {
    await Promise.all(consumers.map((consumer) => consumer.disconnect()));
    await events.disconnect();
    await system.stop();
  });

  /**
   * A consumer group, on a topic of its own, whose store refuses the events in `refusing` until a
   * fix empties it; and the messaging API answering for that group's parked events.
   */
  async function parkingGroup(refusing: Set<string>) {
    const topic = await topicOfOwn(kafka, 'dead-letters-over-http-test');
    const groupId = `dead-letters-over-http-test-${randomUUID()}`;
    const handled: string[] = [];
    const started = runEventConsumer({
      kafka,
      groupId,
      topic,
      schema: CampaignEvent,
      logger,
      retry: { attempts: 2, initialDelayMs: 50, maxDelayMs: 50 },
      handle: async (event) => {
        if (refusing.has(event.id)) throw new Error('the store refused the invitation');
        handled.push(event.id);
      },
    });
    consumers.push(started.consumer);
    await started.running;
    const app = buildMessagingApp({
      logger,
      authSecret: TEST_AUTH_SECRET,
      conversations: system.conversations,
      groups: system.groups,
      support: system.support,
      liveConversations: undefined as never,
      idempotencyStore: createPrismaIdempotencyStore(system.messaging.idempotencyKey),
      readiness: [],
      deadLetters: deadLetterDesk(kafka, [groupId]),
    });
    const parked = (count: number) =>
      eventually(async () =>
        expect(await listParkedEvents(kafka, { groupId })).toHaveLength(count),
      );
    return { topic, groupId, handled, app, parked };
  }

  it('lists a parked event without its text, replays it once, and it is handled once', async () => {
    const campaignId = randomUUID();
    const refused = invitation(campaignId, 'Hi Jane (jane@example.com), join our summer campaign');
    const refusing = new Set([refused.id]);
    const { topic, groupId, handled, app, parked } = await parkingGroup(refusing);
    await events.publish(topic, [refused]);
    await parked(1);

    const listing = await request(app)
      .get('/ops/dead-letters')
      .auth(ops, { type: 'bearer' })
      .expect(200);
    expect(listing.body).toEqual({
      items: [
        {
          eventId: refused.id,
          type: 'InfluencerInvited',
          group: groupId,
          parkedFrom: { topic, partition: expect.any(Number), offset: expect.any(String) },
          deadLetter: {
            topic: `${topic}.dlt.${groupId}`,
            partition: 0,
            offset: expect.any(String),
          },
          reason: 'Error: the store refused the invitation',
          attempts: 2,
          parkedAt: expect.any(String),
          replayedAt: null,
        },
      ],
      nextCursor: null,
    });
    expect(JSON.stringify(listing.body)).not.toMatch(/Jane|jane@example\.com|summer campaign/);
    expect(handled).toEqual([]);

    refusing.clear();
    const replay = () =>
      request(app)
        .post(`/ops/dead-letters/${refused.id}/replay`)
        .auth(ops, { type: 'bearer' })
        .send({ group: groupId });
    const replayed = await replay().expect(200);
    expect(replayed.body.replayed).toEqual([
      expect.objectContaining({ eventId: refused.id, group: groupId, replayedAt: null }),
    ]);
    await eventually(async () => expect(handled).toEqual([refused.id]));

    // A second replay is refused with the rule, and sends nothing.
    const again = await replay().expect(409);
    expect(again.type).toBe('application/problem+json');
    expect(problemReason(again.body)).toMatch(
      new RegExp(`replayed once: event ${refused.id} was replayed to group ${groupId} at `),
    );
    const all = await request(app)
      .post('/ops/dead-letters/replay-all')
      .auth(ops, { type: 'bearer' })
      .send({ group: groupId })
      .expect(200);
    expect(all.body).toEqual({ replayed: [] });

    const after = await request(app)
      .get('/ops/dead-letters')
      .query({ group: groupId })
      .auth(ops, { type: 'bearer' })
      .expect(200);
    expect(after.body.items).toEqual([
      expect.objectContaining({ eventId: refused.id, replayedAt: expect.any(String) }),
    ]);
    // Handled once: an event published behind it arrives, and nothing more of the replayed one.
    const later = invitation(campaignId, 'Hi Sam, join our summer campaign');
    await events.publish(topic, [later]);
    await eventually(async () => expect(handled).toHaveLength(2));
    expect(handled).toEqual([refused.id, later.id]);
  });

  it('pages the listing with sealed cursors, and replays all of a group once', async () => {
    const first = invitation(randomUUID(), 'Hi Jane, join our summer campaign');
    const second = invitation(randomUUID(), 'Hi Sam, join our summer campaign');
    const third = invitation(randomUUID(), 'Hi Kim, join our summer campaign');
    const refusing = new Set([first.id, second.id, third.id]);
    const { topic, groupId, handled, app, parked } = await parkingGroup(refusing);
    await events.publish(topic, [first, second, third]);
    await parked(3);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await request(app)
        .get('/ops/dead-letters')
        .query({ group: groupId, limit: 2, ...(cursor ? { cursor } : {}) })
        .auth(ops, { type: 'bearer' })
        .expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item: { eventId: string }) => item.eventId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([first.id, second.id, third.id].sort());

    refusing.clear();
    const replayAll = () =>
      request(app)
        .post('/ops/dead-letters/replay-all')
        .auth(ops, { type: 'bearer' })
        .set('Idempotency-Key', `replay-all-${groupId}`)
        .send({ group: groupId });
    const all = await replayAll().expect(200);
    expect(all.body.replayed.map((item: { eventId: string }) => item.eventId).sort()).toEqual(
      [first.id, second.id, third.id].sort(),
    );
    // The same request again (a lost answer retried) gets the first answer, and replays nothing.
    const retried = await replayAll().expect(200);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.body).toEqual(all.body);
    await eventually(async () => expect(handled).toHaveLength(3));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(handled.sort()).toEqual([first.id, second.id, third.id].sort());
  });

  it('refuses other roles, forged cursors, bad ids and groups of other services', async () => {
    const { groupId, app } = await parkingGroup(new Set());
    const asOps = (path: string) => request(app).get(path).auth(ops, { type: 'bearer' });

    await request(app).get('/ops/dead-letters').auth(brand, { type: 'bearer' }).expect(403);
    await request(app)
      .post('/ops/dead-letters/replay-all')
      .auth(brand, { type: 'bearer' })
      .send({ group: groupId })
      .expect(403);

    const forged = await asOps('/ops/dead-letters?cursor=eyJhdCI6IjIwMjAifQ.forged').expect(400);
    expect(problemReason(forged.body)).toMatch(/cursor is not one this API returned/);
    // A sealed cursor of another shape (another list's) opens to nothing either.
    await asOps(`/ops/dead-letters?cursor=${sealCursor({ page: 2 })}`).expect(400);
    await asOps('/ops/dead-letters?limit=0').expect(400);
    await asOps('/ops/dead-letters?group=no%20such%20group').expect(400);
    const otherGroup = await asOps('/ops/dead-letters?group=notifications').expect(404);
    expect(problemReason(otherGroup.body)).toMatch(
      /notifications is not a consumer group of this service/,
    );

    const replay = (eventId: string, body: object) =>
      request(app)
        .post(`/ops/dead-letters/${eventId}/replay`)
        .auth(ops, { type: 'bearer' })
        .send(body);
    await replay('not-an-event-id', { group: groupId }).expect(400);
    await replay(randomUUID(), {}).expect(400);
    await replay(randomUUID(), { group: groupId, extra: true }).expect(400);
    await replay(randomUUID(), { group: 'notifications' }).expect(404);
    const notParked = await replay(randomUUID(), { group: groupId }).expect(404);
    expect(notParked.type).toBe('application/problem+json');
    expect(problemReason(notParked.body)).toMatch(/has not parked event/);
    await request(app)
      .post('/ops/dead-letters/replay-all')
      .auth(ops, { type: 'bearer' })
      .send({ group: 'campaign-story' })
      .expect(404);
  });
});
