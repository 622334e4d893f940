import { randomUUID } from 'node:crypto';
import { CampaignEvent } from '@campaign/contracts';
import { buildCampaignApp } from '@campaign/campaign-service';
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
import {
  answersWithoutToken,
  documentedOperations,
  problemReason,
  refusalCoverage,
} from './system/documented-refusals';
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

  /** A group that parks nothing, and its API, made once for the refusals. */
  let own: Promise<Awaited<ReturnType<typeof parkingGroup>>> | undefined;
  const ownApp = () => (own ??= parkingGroup(new Set()));

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

  // One refusal per line: the table reads best unwrapped.
  type Row = {
    op: string;
    as: 'ops' | 'brand';
    on?: string;
    query?: string;
    body?: object;
    status: number;
    says: RegExp;
  };
  // prettier-ignore
  const rows: Row[] = [
    { op: 'GET /ops/dead-letters', as: 'brand', status: 403, says: /for the role\(s\): ops/ },
    { op: 'GET /ops/dead-letters', as: 'ops', query: 'cursor=eyJhdCI6IjIwMjAifQ.forged', status: 400, says: /cursor is not one this API returned/ },
    { op: 'GET /ops/dead-letters', as: 'ops', query: `cursor=${sealCursor({ page: 2 })}`, status: 400, says: /cursor is not one this API returned/ },
    { op: 'GET /ops/dead-letters', as: 'ops', query: 'limit=0', status: 400, says: /query.limit/ },
    { op: 'GET /ops/dead-letters', as: 'ops', query: 'group=no%20such%20group', status: 400, says: /query.group/ },
    { op: 'GET /ops/dead-letters', as: 'ops', query: 'group=notifications', status: 404, says: /notifications is not a consumer group of this service/ },
    { op: 'POST /ops/dead-letters/:eventId/replay', as: 'brand', on: randomUUID(), body: { group: 'x' }, status: 403, says: /for the role\(s\): ops/ },
    { op: 'POST /ops/dead-letters/:eventId/replay', as: 'ops', on: 'not-an-event-id', body: { group: 'x' }, status: 400, says: /path.eventId/ },
    { op: 'POST /ops/dead-letters/:eventId/replay', as: 'ops', on: randomUUID(), body: {}, status: 400, says: /body.group/ },
    { op: 'POST /ops/dead-letters/:eventId/replay', as: 'ops', on: randomUUID(), body: { group: 'x', extra: true }, status: 400, says: /extra/ },
    { op: 'POST /ops/dead-letters/:eventId/replay', as: 'ops', on: randomUUID(), body: { group: 'notifications' }, status: 404, says: /not a consumer group of this service/ },
    { op: 'POST /ops/dead-letters/:eventId/replay', as: 'ops', on: randomUUID(), body: { group: 'OWN' }, status: 404, says: /has not parked event/ },
    // 409: a second replay of one event, asked in the first test.
    { op: 'POST /ops/dead-letters/:eventId/replay', as: 'ops', status: 409, says: /replayed once/ },
    { op: 'POST /ops/dead-letters/replay-all', as: 'brand', body: { group: 'OWN' }, status: 403, says: /for the role\(s\): ops/ },
    { op: 'POST /ops/dead-letters/replay-all', as: 'ops', body: { group: '../..' }, status: 400, says: /body.group/ },
    { op: 'POST /ops/dead-letters/replay-all', as: 'ops', body: { group: 'campaign-story' }, status: 404, says: /not a consumer group of this service/ },
  ];

  it.each(rows.filter((row) => row.status !== 409))(
    '$op as $as is refused with $status ($says)',
    async ({ op, as, on, query, body, status, says }) => {
      const { groupId, app } = await ownApp();
      const [method, template] = op.split(' ') as [string, string];
      const path = `${template.replace(':eventId', on ?? '')}${query ? `?${query}` : ''}`;
      const ask = request(app);
      const call = (method === 'GET' ? ask.get(path) : ask.post(path)).auth(
        as === 'ops' ? ops : brand,
        { type: 'bearer' },
      );
      const own =
        body && JSON.parse(JSON.stringify(body).replace('"OWN"', JSON.stringify(groupId)));
      const response = await (own ? call.send(own) : call);
      expect({ status: response.status, type: response.type }).toEqual({
        status,
        type: 'application/problem+json',
      });
      expect(problemReason(response.body)).toMatch(says);
      expect(await listParkedEvents(kafka, { groupId })).toEqual([]);
    },
  );

  it('exercises every refusal the three documents declare for parked events, and no other', async () => {
    const unused = new Proxy({}, { get: () => () => Promise.reject(new Error('not used here')) });
    const campaignApp = buildCampaignApp({
      logger,
      authSecret: TEST_AUTH_SECRET,
      readiness: [],
      ...Object.fromEntries(
        [
          'store',
          'boards',
          'network',
          'collaborations',
          'db',
          'lifecycle',
          'idempotencyStore',
          'social',
          'accounts',
          'clientLimit',
        ].map((dep) => [dep, unused]),
      ),
    } as never);
    const { app } = await ownApp();
    for (const [service, served] of [
      ['campaign', campaignApp],
      ['messaging', app],
      ['notifications', system.notificationsApp],
    ] as const) {
      const documented = (await documentedOperations(served)).filter(({ path }) =>
        path.startsWith('/ops/dead-letters'),
      );
      expect({ service, operations: documented.length }).toEqual({ service, operations: 3 });
      expect({ service, ...refusalCoverage(documented, rows) }).toEqual({
        service,
        unasked: [],
        undeclared: [],
      });
      const answers = await answersWithoutToken(served, documented, randomUUID());
      expect(answers.filter(({ status }) => status !== 401)).toEqual([]);
    }
  });
});
