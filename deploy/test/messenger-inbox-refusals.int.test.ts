import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { influencerKey } from '@campaign/service-runtime';
import { bearer } from './system/campaign-system';
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
  status: number;
  says: RegExp;
};

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
  { service: 'notifications', op: 'GET /notifications', as: 'influencer', query: 'limit=0', status: 400, says: /limit/ },
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

  const stored = async () => ({
    messages: await messaging.message.count({ where: { conversation: { campaignId } } }),
    unread: await notifications.notification.count({ where: { eventId, readAt: null } }),
  });

  it.each(
    rows.map((row) => [`${row.service}: ${row.op} as ${row.as} → ${row.status}`, row] as const),
  )('%s', async (_title, { service, op, on, as, body, query, status, says }) => {
    const before = await stored();
    const [method, template] = op.split(' ') as [string, string];
    const ours = template.includes(':campaignId') ? campaignId : ids[service];
    const id = { ours, unknown: randomUUID(), malformed: 'not-an-id' }[on ?? 'ours'];
    let path = template.replace(/:\w+/, id);
    if (query) path += `?${query}`;
    const api = request(apps[service]);
    const verb = method.toLowerCase() as 'get' | 'post';
    const call = api[verb](path).set('authorization', auth[as]);
    const response = await (body ? call.send(body) : call);
    expect({ status: response.status, type: response.type }).toEqual({
      status,
      type: 'application/problem+json',
    });
    expect(problemReason(response.body)).toMatch(says);
    expect(await stored()).toEqual(before);
  });

  it('exercises every refusal the two documents declare, and declares every one they give', async () => {
    for (const service of ['messaging', 'notifications'] as const) {
      // Customer-success chat has its own table: support-chat-refusals.int.test.ts.
      const documented = (await documentedOperations(apps[service])).filter(
        ({ path }) => !path.startsWith('/support/'),
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
