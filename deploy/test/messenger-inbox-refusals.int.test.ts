import { randomUUID } from 'node:crypto';
import { eventually } from '@campaign/testing';
import type { Express } from 'express';
import request from 'supertest';
import { EVENT_STREAMS_PER_PRINCIPAL, influencerKey } from '@campaign/service-runtime';
import { bearer } from './system/campaign-system';
import { followStream, listen } from './system/event-stream-client';
import { buildMessengerAndInbox } from './system/messenger-inbox-system';
import {
  answersWithoutToken,
  documentedOperations,
  problemReason,
  refusalCoverage,
} from './system/documented-refusals';

// The Messenger and the inbox refuse like the campaign API: every refusal their OpenAPI
// documents declare, asked over HTTP on real PostgreSQL, with its reason, storing nothing.

type Service = 'messaging' | 'notifications';
type Caller = 'brand' | 'otherBrand' | 'influencer' | 'stranger';
type Row = {
  service: Service;
  op: string;
  on?: 'ours' | 'unknown' | 'malformed';
  as: Caller;
  body?: object;
  query?: string;
  headers?: Record<string, string>;
  /** Live streams the caller holds open on the service when asking (the per-person limit). */
  holding?: number;
  status: number;
  says: RegExp;
};

const FULL = EVENT_STREAMS_PER_PRINCIPAL;

// One refusal per line: the table reads best unwrapped.
// prettier-ignore
const rows: Row[] = [
  { service: 'messaging', op: 'GET /conversations', as: 'brand', query: 'limit=0', status: 400, says: /limit/ },
  { service: 'messaging', op: 'GET /conversations/:conversationId/messages', on: 'ours', as: 'otherBrand', status: 404, says: /no conversation/ },
  { service: 'messaging', op: 'GET /conversations/:conversationId/messages', on: 'ours', as: 'stranger', status: 404, says: /no conversation/ },
  { service: 'messaging', op: 'GET /conversations/:conversationId/messages', on: 'malformed', as: 'brand', status: 400, says: /conversationId/ },
  { service: 'messaging', op: 'GET /conversations/:conversationId/messages', on: 'ours', as: 'brand', query: 'limit=0', status: 400, says: /limit/ },
  { service: 'messaging', op: 'GET /conversations/:conversationId/messages', on: 'ours', as: 'brand', query: 'before=forged', status: 400, says: /cursor is not one this API returned/ },
  { service: 'messaging', op: 'POST /conversations/:conversationId/messages', on: 'ours', as: 'stranger', body: { body: 'Hi' }, status: 404, says: /no conversation/ },
  { service: 'messaging', op: 'POST /conversations/:conversationId/messages', on: 'unknown', as: 'brand', body: { body: 'Hi' }, status: 404, says: /no conversation/ },
  { service: 'messaging', op: 'POST /conversations/:conversationId/messages', on: 'ours', as: 'influencer', body: { body: '' }, status: 400, says: /body/ },
  { service: 'messaging', op: 'POST /conversations/:conversationId/messages', on: 'ours', as: 'influencer', body: { text: 'Hi' }, status: 400, says: /body/ },
  { service: 'messaging', op: 'POST /campaigns/:campaignId/group-messages', on: 'ours', as: 'influencer', body: { body: 'Hi all' }, status: 403, says: /for the role\(s\): brand, ops/ },
  { service: 'messaging', op: 'POST /campaigns/:campaignId/group-messages', on: 'ours', as: 'otherBrand', body: { body: 'Hi all' }, status: 404, says: /no started collaboration/ },
  { service: 'messaging', op: 'POST /campaigns/:campaignId/group-messages', on: 'unknown', as: 'brand', body: { body: 'Hi all' }, status: 404, says: /no started collaboration/ },
  { service: 'messaging', op: 'POST /campaigns/:campaignId/group-messages', on: 'ours', as: 'brand', body: { body: 'x'.repeat(5001) }, status: 400, says: /body/ },
  { service: 'messaging', op: 'GET /conversations/:conversationId/stream', on: 'ours', as: 'otherBrand', status: 404, says: /no conversation/ },
  { service: 'messaging', op: 'GET /conversations/:conversationId/stream', on: 'ours', as: 'stranger', status: 404, says: /no conversation/ },
  { service: 'messaging', op: 'GET /conversations/:conversationId/stream', on: 'malformed', as: 'brand', status: 400, says: /conversationId/ },
  { service: 'messaging', op: 'GET /conversations/:conversationId/stream', on: 'ours', as: 'brand', headers: { 'last-event-id': 'abc' }, status: 400, says: /header.last-event-id/ },
  { service: 'messaging', op: 'GET /conversations/:conversationId/stream', on: 'ours', as: 'brand', headers: { 'last-event-id': '999' }, status: 400, says: /header.last-event-id: is past the last event/ },
  { service: 'messaging', op: 'GET /conversations/:conversationId/stream', on: 'ours', as: 'influencer', query: 'after=1.1', status: 400, says: /query.after/ },
  { service: 'messaging', op: 'GET /conversations/:conversationId/stream', on: 'ours', as: 'influencer', holding: FULL, status: 429, says: /At most 16 live streams/ },
  { service: 'notifications', op: 'GET /notifications', as: 'influencer', query: 'limit=0', status: 400, says: /limit/ },
  { service: 'notifications', op: 'GET /notifications/stream', as: 'influencer', headers: { 'last-event-id': '1;DROP' }, status: 400, says: /header.last-event-id/ },
  { service: 'notifications', op: 'GET /notifications/stream', as: 'brand', headers: { 'last-event-id': '0' }, status: 400, says: /header.last-event-id: must hold 2 position/ },
  { service: 'notifications', op: 'GET /notifications/stream', as: 'stranger', query: 'after=5', status: 400, says: /query.after: is past the last event/ },
  { service: 'notifications', op: 'GET /notifications/stream', as: 'influencer', holding: FULL, status: 429, says: /At most 16 live streams/ },
  { service: 'notifications', op: 'POST /notifications/:notificationId/read', on: 'ours', as: 'stranger', status: 404, says: /no notification/ },
  { service: 'notifications', op: 'POST /notifications/:notificationId/read', on: 'ours', as: 'otherBrand', status: 404, says: /no notification/ },
  { service: 'notifications', op: 'POST /notifications/:notificationId/read', on: 'malformed', as: 'influencer', status: 400, says: /notificationId/ },
];

describe('the Messenger and the inbox refuse with the reason, changing nothing', () => {
  const messenger = buildMessengerAndInbox('messenger-inbox-refusals');
  const { messaging, notifications } = messenger;
  const apps: Record<Service, Express> = {
    messaging: messenger.messagingApp,
    notifications: messenger.notificationsApp,
  };
  const brandId = `brand-${randomUUID()}`;
  const influencerId = `influencer-${randomUUID()}`;
  const campaignId = randomUUID();
  const eventId = randomUUID();
  let auth: Record<Caller, string>;
  let ids: Record<Service, string>;

  beforeAll(async () => {
    auth = {
      brand: await bearer({ role: 'brand', userId: 'ava', brandId }),
      otherBrand: await bearer({ role: 'brand', userId: 'bo', brandId: `other-${brandId}` }),
      influencer: await bearer({ role: 'influencer', userId: influencerId }),
      stranger: await bearer({ role: 'influencer', userId: `stranger-${randomUUID()}` }),
    };
    // A started collaboration of one member, and the member's inbox with one notification.
    await messenger.groups.start({
      campaignId,
      brandId,
      influencerIds: [influencerId],
      startedAt: new Date(),
    });
    const conversation = await messaging.conversation.findFirstOrThrow({ where: { campaignId } });
    await messenger.inbox.deliver(eventId, [
      {
        recipientId: influencerKey(influencerId),
        kind: 'congratulations',
        title: 'In',
        body: 'b',
        campaignId,
      },
    ]);
    const notification = await notifications.notification.findFirstOrThrow({ where: { eventId } });
    ids = { messaging: conversation.id, notifications: notification.id };
  });

  afterAll(async () => {
    await messenger.stop();
  });

  beforeAll(async () => {
    // Streams held open for a row must be live ones: they wait for the listeners.
    await eventually(async () => {
      expect(messenger.inboxListener.connected).toBe(true);
      expect(messenger.conversationListener.connected).toBe(true);
    });
  });

  const stored = async () => ({
    messages: await messaging.message.count({ where: { conversation: { campaignId } } }),
    unread: await notifications.notification.count({ where: { eventId, readAt: null } }),
  });

  it.each(
    rows.map((row) => [`${row.service}: ${row.op} as ${row.as} → ${row.status}`, row] as const),
  )('%s', async (_title, { service, op, on, as, body, query, headers, holding, status, says }) => {
    const before = await stored();
    const [method, template] = op.split(' ') as [string, string];
    const ours = template.includes(':campaignId') ? campaignId : ids[service];
    const id = { ours, unknown: randomUUID(), malformed: 'not-an-id' }[on ?? 'ours'];
    let path = template.replace(/:\w+/, id);
    if (query) path += `?${query}`;
    // Streams held open need a real socket; the refused request goes to the same server.
    const server = holding ? await listen(apps[service]) : undefined;
    const held = [];
    for (let i = 0; i < (holding ?? 0); i += 1) {
      const stream = await followStream(`${server!.url}${path}`, auth[as]!.slice('Bearer '.length));
      await stream.waitFor('ready', 1);
      held.push(stream);
    }
    const api = request(server?.url ?? apps[service]);
    const verb = method.toLowerCase() as 'get' | 'post';
    const call = api[verb](path)
      .set('authorization', auth[as])
      .set({ ...(holding ? { accept: 'text/event-stream' } : {}), ...headers });
    const response = await (body ? call.send(body) : call);
    for (const stream of held) stream.close();
    await server?.close();
    expect({ status: response.status, type: response.type }).toEqual({
      status,
      type: 'application/problem+json',
    });
    expect(problemReason(response.body)).toMatch(says);
    expect(await stored()).toEqual(before);
  });

  it('exercises every refusal the two documents declare, and declares every one they give', async () => {
    for (const service of ['messaging', 'notifications'] as const) {
      // Customer-success chat, notification preferences and the newsletter have their own:
      // support-chat-refusals, notification-preferences and newsletter (.int.test.ts); the ops
      // routes for parked events, dead-letters-over-http.
      const documented = (await documentedOperations(apps[service])).filter(
        ({ path }) =>
          !['/support/', '/me/', '/newsletter/', '/ops/dead-letters'].some((own) =>
            path.startsWith(own),
          ),
      );
      const asked = rows.filter((row) => row.service === service);
      expect({ service, ...refusalCoverage(documented, asked) }).toEqual({
        service,
        unasked: [],
        undeclared: [],
      });
      const answers = await answersWithoutToken(apps[service], documented, randomUUID());
      expect(answers.filter(({ status }) => status !== 401)).toEqual([]);
    }
  });
});
