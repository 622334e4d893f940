import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { brandTeamKey } from '@campaign/service-runtime';
import { bearer } from './system/campaign-system';
import { buildMessengerAndInbox } from './system/messenger-inbox-system';
import { documentedOperations, problemReason, refusalCoverage } from './system/documented-refusals';

// Customer-success chat refuses like every API here: each refusal the messaging document declares
// for /support operations, asked over HTTP on real PostgreSQL, with its reason, storing nothing.
// (messenger-inbox-refusals covers the rest of the document.)

type Caller = 'brand' | 'otherBrand' | 'influencer' | 'stranger' | 'ops' | 'otherOps';
/** Which conversation a row asks about: open and nobody's, taken by ops, closed, or none. */
type On = 'open' | 'taken' | 'closed' | 'unknown' | 'malformed';
type Row = {
  op: string;
  on?: On;
  as: Caller;
  body?: object;
  query?: string;
  status: number;
  says: RegExp;
};

// One refusal per line: the table reads best unwrapped.
// prettier-ignore
const rows: Row[] = [
  { op: 'POST /support/conversations', as: 'ops', body: { body: 'Hi' }, status: 403, says: /for the role\(s\): brand, influencer/ },
  { op: 'POST /support/conversations', as: 'otherBrand', body: { body: 'Hi', campaignId: 'CAMPAIGN' }, status: 422, says: /is not one of yours/ },
  { op: 'POST /support/conversations', as: 'stranger', body: { body: 'Hi', campaignId: randomUUID() }, status: 422, says: /body.campaignId: not one of your campaigns/ },
  { op: 'POST /support/conversations', as: 'brand', body: { body: '' }, status: 400, says: /body\.body/ },
  { op: 'GET /support/conversations', as: 'ops', query: 'cursor=forged', status: 400, says: /cursor is not one this API returned/ },
  { op: 'GET /support/conversations', as: 'brand', query: 'state=pending', status: 400, says: /query\.state/ },
  { op: 'GET /support/conversations/:supportConversationId', on: 'open', as: 'otherBrand', status: 404, says: /no support conversation/ },
  { op: 'GET /support/conversations/:supportConversationId', on: 'open', as: 'stranger', status: 404, says: /no support conversation/ },
  { op: 'GET /support/conversations/:supportConversationId', on: 'unknown', as: 'ops', status: 404, says: /no support conversation/ },
  { op: 'GET /support/conversations/:supportConversationId', on: 'malformed', as: 'ops', status: 400, says: /supportConversationId/ },
  { op: 'GET /support/conversations/:supportConversationId', on: 'open', as: 'brand', query: 'before=forged', status: 400, says: /cursor is not one this API returned/ },
  { op: 'POST /support/conversations/:supportConversationId/messages', on: 'open', as: 'otherBrand', body: { body: 'Hi' }, status: 404, says: /no support conversation/ },
  { op: 'POST /support/conversations/:supportConversationId/messages', on: 'open', as: 'influencer', body: { body: 'Hi' }, status: 404, says: /no support conversation/ },
  { op: 'POST /support/conversations/:supportConversationId/messages', on: 'closed', as: 'brand', body: { body: 'Hi' }, status: 409, says: /is closed and takes no more messages/ },
  { op: 'POST /support/conversations/:supportConversationId/messages', on: 'closed', as: 'ops', body: { body: 'Hi' }, status: 409, says: /is closed/ },
  { op: 'POST /support/conversations/:supportConversationId/messages', on: 'open', as: 'brand', body: { body: 'a\u0000b' }, status: 400, says: /body\.body: must not contain NUL/ },
  { op: 'POST /support/conversations/:supportConversationId/assignment', on: 'open', as: 'brand', body: {}, status: 403, says: /for the role\(s\): ops/ },
  { op: 'POST /support/conversations/:supportConversationId/assignment', on: 'unknown', as: 'ops', body: {}, status: 404, says: /no support conversation/ },
  { op: 'POST /support/conversations/:supportConversationId/assignment', on: 'taken', as: 'otherOps', body: {}, status: 409, says: /is taken by ops user ops-1; send \{"takeOver": true\}/ },
  { op: 'POST /support/conversations/:supportConversationId/assignment', on: 'closed', as: 'ops', body: { takeOver: true }, status: 409, says: /is closed/ },
  { op: 'POST /support/conversations/:supportConversationId/assignment', on: 'open', as: 'ops', body: { takeOver: 1 }, status: 400, says: /body\.takeOver/ },
  { op: 'POST /support/conversations/:supportConversationId/close', on: 'open', as: 'influencer', status: 403, says: /for the role\(s\): ops/ },
  { op: 'POST /support/conversations/:supportConversationId/close', on: 'unknown', as: 'ops', status: 404, says: /no support conversation/ },
  { op: 'POST /support/conversations/:supportConversationId/close', on: 'closed', as: 'ops', status: 409, says: /is closed/ },
];

describe('customer-success chat refuses with the reason, changing nothing', () => {
  const messenger = buildMessengerAndInbox('support-chat-refusals');
  const { messaging: db, support } = messenger;
  const app = messenger.messagingApp;
  const brandId = `brand-${randomUUID()}`;
  const campaignId = randomUUID();
  const brandUser = { role: 'brand', userId: 'ava', brandId } as const;
  let auth: Record<Caller, string>;
  let ids: Record<'open' | 'taken' | 'closed', string>;

  beforeAll(async () => {
    auth = {
      brand: await bearer(brandUser),
      otherBrand: await bearer({ role: 'brand', userId: 'ava', brandId: `other-${brandId}` }),
      influencer: await bearer({ role: 'influencer', userId: `influencer-${randomUUID()}` }),
      stranger: await bearer({ role: 'influencer', userId: `stranger-${randomUUID()}` }),
      ops: await bearer({ role: 'ops', userId: 'ops-1' }),
      otherOps: await bearer({ role: 'ops', userId: 'ops-2' }),
    };
    await support.recordParties(campaignId, [brandTeamKey(brandId)]);
    const opened = async () => (await support.open(brandUser, 'Help', null)).conversation.id;
    ids = { open: await opened(), taken: await opened(), closed: await opened() };
    const ops = { role: 'ops', userId: 'ops-1' } as const;
    await support.assign(ops, ids.taken, false);
    await support.close(ops, ids.closed);
  });

  afterAll(async () => {
    await messenger.stop();
  });

  const stored = async () =>
    Object.fromEntries(
      await Promise.all(
        Object.entries(ids).map(async ([name, id]) => {
          const row = await db.supportConversation.findUniqueOrThrow({
            where: { id },
            include: { _count: { select: { messages: true } } },
          });
          return [name, { state: row.state, assignee: row.assigneeId, n: row._count.messages }];
        }),
      ),
    );
  const conversationsOf = () =>
    db.supportConversation.count({
      where: { ownerKey: { in: [brandTeamKey(brandId), brandTeamKey(`other-${brandId}`)] } },
    });

  it.each(rows.map((row) => [`${row.op} (${row.on ?? '-'}) as ${row.as} → ${row.status}`, row]))(
    '%s',
    async (_title, { op, on, as, body, query, status, says }) => {
      const before = { conversations: await stored(), count: await conversationsOf() };
      const [method, template] = op.split(' ') as [string, string];
      const id =
        on === 'unknown' ? randomUUID() : on === 'malformed' ? 'not-an-id' : ids[on ?? 'open'];
      let path = template.replace(':supportConversationId', id);
      if (query) path += `?${query}`;
      const verb = method.toLowerCase() as 'get' | 'post';
      const call = request(app)[verb](path).set('authorization', auth[as]);
      const sent = body
        ? JSON.parse(JSON.stringify(body).replace('CAMPAIGN', campaignId))
        : undefined;
      const response = await (sent ? call.send(sent) : call);
      expect({ status: response.status, type: response.type }).toEqual({
        status,
        type: 'application/problem+json',
      });
      expect(problemReason(response.body)).toMatch(says);
      expect({ conversations: await stored(), count: await conversationsOf() }).toEqual(before);
    },
  );

  it('exercises every refusal the document declares for /support, and declares every one given', async () => {
    const documented = (await documentedOperations(app)).filter(({ path }) =>
      path.startsWith('/support/'),
    );
    expect(documented.length).toBe(6);
    expect(refusalCoverage(documented, rows)).toEqual({ unasked: [], undeclared: [] });
  });
});
