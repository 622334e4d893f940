import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { BODY_LIMIT_BYTES } from '@campaign/service-runtime';
import type { Express } from 'express';
import { SignJWT } from 'jose';
import request from 'supertest';
import {
  CAMPAIGN_TASK_QUEUE,
  CAMPAIGN_WORKFLOW_TYPE,
  campaignWorkflowId,
} from '@campaign/contracts';
import { TEST_AUTH_SECRET, eventually } from '@campaign/testing';
import { WorkflowFailedError } from '@temporalio/client';
import {
  bearer,
  createBrand,
  createCampaign,
  createInfluencer,
  startCampaignSystem,
  type CampaignSystem,
} from './system/campaign-system';
import { documentedOperations, type DocumentedOperation } from './system/documented-refusals';
import { buildMessengerAndInbox } from './system/messenger-inbox-system';

/**
 * Hostile input is normal input: each class of malformed request gets a 4xx problem+json that
 * names what is wrong, every operation of every service declares the answer it gets, and nothing
 * a refused request carries is stored.
 */

type Sent = { status: number; type: string; body: Record<string, unknown>; headers: object };

/** Sends raw bytes, headers as given (chunked when no length is set), to an app on a real port. */
async function raw(
  app: Express,
  options: { method: string; path: string; headers?: http.OutgoingHttpHeaders; chunks?: Buffer[] },
): Promise<Sent> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise<Sent>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: options.method,
          path: options.path,
          headers: options.headers,
        },
        (res) => {
          const parts: Buffer[] = [];
          res.on('data', (part: Buffer) => parts.push(part));
          res.on('end', () => {
            const text = Buffer.concat(parts).toString();
            resolve({
              status: res.statusCode ?? 0,
              type: String(res.headers['content-type'] ?? ''),
              body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
              headers: res.headers,
            });
          });
        },
      );
      // The server may answer (413) and close before every chunk is written.
      req.on('error', reject);
      for (const chunk of options.chunks ?? []) req.write(chunk);
      req.end();
    });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

function expectProblem(sent: { status: number; type: string; body: unknown }, status: number) {
  expect({ status: sent.status, type: sent.type.split(';')[0] }).toEqual({
    status,
    type: 'application/problem+json',
  });
  expect(sent.body).toMatchObject({ status, title: expect.any(String) });
}

/** The field paths a 400 names. */
const named = (body: Record<string, unknown>) =>
  ((body.errors ?? []) as { path: string }[]).map((error) => error.path);

describe('hostile requests get a 4xx that names the fault, and store nothing (real engines)', () => {
  let system: CampaignSystem;
  let messenger: ReturnType<typeof buildMessengerAndInbox>;
  let brand: { id: string; auth: string };
  let influencer: { id: string; auth: string };
  let draftId: string;
  let services: { name: string; app: Express; operations: DocumentedOperation[] }[];

  beforeAll(async () => {
    system = await startCampaignSystem('hostile-test');
    messenger = buildMessengerAndInbox('hostile-test');
    brand = await createBrand(system, 'professional');
    influencer = await createInfluencer(system);
    draftId = await createCampaign(system, brand.auth, { draft: true });
    services = [];
    for (const [name, app] of [
      ['campaign', system.app],
      ['messaging', messenger.messagingApp],
      ['notifications', messenger.notificationsApp],
    ] as const) {
      services.push({ name, app, operations: await documentedOperations(app) });
    }
  });

  afterAll(async () => {
    await messenger.stop();
    await system.stop();
  });

  const draft = () => system.db.campaign.findUniqueOrThrow({ where: { id: draftId } });

  describe('every operation of every service', () => {
    it('refuses a query string that is not UTF-8 with 400, as each document declares', async () => {
      for (const { app, operations } of services) {
        for (const { method, path, statuses } of operations) {
          const concrete = path.replace(/\{[^}]+\}/g, randomUUID());
          const ask = request(app)[method.toLowerCase() as 'get'];
          const sent = await ask(`${concrete}?note=%FF%FE`).set('authorization', brand.auth);
          expectProblem(sent, 400);
          expect(named(sent.body)).toEqual(['query.note']);
          expect(statuses).toContain(400);
        }
      }
    });

    it('refuses a body over the limit with 413 and a body that is not JSON with 415', async () => {
      const oversize = JSON.stringify({ text: 'x'.repeat(BODY_LIMIT_BYTES) });
      for (const { app, operations } of services) {
        for (const { method, path, statuses } of operations) {
          if (method === 'GET') continue;
          const concrete = path.replace(/\{[^}]+\}/g, randomUUID());
          const send = (agent: ReturnType<typeof request>) => agent[method.toLowerCase() as 'post'];
          const tooLarge = await send(request(app))(concrete)
            .set('authorization', brand.auth)
            .set('content-type', 'application/json')
            .send(oversize);
          expectProblem(tooLarge, 413);
          const notJson = await send(request(app))(concrete)
            .set('authorization', brand.auth)
            .set('content-type', 'text/plain')
            .send('title=x');
          expectProblem(notJson, 415);
          expect(statuses).toEqual(expect.arrayContaining([400, 413, 415, 503]));
        }
      }
    });

    it('declares request bodies required, and cursors opaque', async () => {
      for (const { app } of services) {
        const { body: document } = await request(app).get('/openapi.json').expect(200);
        type Operation = {
          requestBody?: { required?: boolean };
          parameters?: { name: string; schema: { description?: string } }[];
        };
        const paths = document.paths as Record<string, Record<string, Operation>>;
        for (const operations of Object.values(paths)) {
          for (const operation of Object.values(operations)) {
            if (operation.requestBody) expect(operation.requestBody.required).toBe(true);
            for (const parameter of operation.parameters ?? []) {
              if (['cursor', 'before'].includes(parameter.name)) {
                expect(parameter.schema.description).toMatch(/opaque and server-issued/i);
              }
            }
          }
        }
      }
    });
  });

  describe('sizes and encodings', () => {
    it('answers 413 to 20 MB announced, without a token, before reading it', async () => {
      const sent = await raw(system.app, {
        method: 'POST',
        path: '/campaigns',
        headers: { 'content-type': 'application/json', 'content-length': 20 * 1024 * 1024 },
      });
      expectProblem(sent, 413);
      expect(sent.body.detail).toContain(String(BODY_LIMIT_BYTES));
    });

    it('answers 413 to a chunked body without a length once it passes the limit', async () => {
      const chunk = Buffer.alloc(256 * 1024, 'a');
      const sent = await raw(system.app, {
        method: 'POST',
        path: '/campaigns',
        headers: { 'content-type': 'application/json', authorization: brand.auth },
        chunks: [Buffer.from('{"title":"'), ...Array.from({ length: 8 }, () => chunk)],
      });
      expectProblem(sent, 413);
    });

    it('refuses another charset, a false Content-Encoding and a missing Content-Type with 415', async () => {
      const body = JSON.stringify({ title: 'Renamed by latin-1' });
      for (const headers of [
        { 'content-type': 'application/json; charset=latin1' },
        { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        { 'content-type': 'application/json', 'content-encoding': 'compress' },
        {},
      ]) {
        const sent = await raw(system.app, {
          method: 'PATCH',
          path: `/campaigns/${draftId}`,
          headers: { ...headers, authorization: brand.auth, 'content-length': body.length },
          chunks: [Buffer.from(body)],
        });
        expectProblem(sent, 415);
      }
      expect((await draft()).title).toBe('Summer glow');
    });

    it('reads a body that is what its Content-Encoding says', async () => {
      const body = gzipSync(JSON.stringify({ brief: 'Compressed brief' }));
      const sent = await raw(system.app, {
        method: 'PATCH',
        path: `/campaigns/${draftId}`,
        headers: {
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          authorization: brand.auth,
          'content-length': body.length,
        },
        chunks: [body],
      });
      expect(sent.status).toBe(200);
      expect((await draft()).brief).toBe('Compressed brief');
    });

    it('refuses PATCH with text/plain, instead of answering 200 and changing nothing', async () => {
      const sent = await request(system.app)
        .patch(`/campaigns/${draftId}`)
        .set('authorization', brand.auth)
        .set('content-type', 'text/plain')
        .send('{"title":"Plain text title"}');
      expectProblem(sent, 415);
      expect((await draft()).title).toBe('Summer glow');
    });

    it('refuses a mutation with no body at all with 400', async () => {
      const sent = await request(system.app)
        .patch(`/campaigns/${draftId}`)
        .set('authorization', brand.auth);
      expectProblem(sent, 400);
      expect(named(sent.body)).toEqual(['body']);
    });
  });

  describe('text that cannot be stored', () => {
    it('names the field that holds a NUL byte or a lone surrogate, and stores nothing', async () => {
      const before = await system.db.campaign.count({ where: { brandId: brand.id } });
      for (const [title, brief] of [
        ['Summer\u0000glow', 'A brief'],
        ['Summer glow', 'A brief \ud800 alone'],
      ]) {
        const sent = await request(system.app)
          .post('/campaigns')
          .set('authorization', brand.auth)
          .send({ title, brief });
        expectProblem(sent, 400);
        expect(named(sent.body)).toEqual([title === 'Summer glow' ? 'body.brief' : 'body.title']);
      }
      const keyed = await request(system.app)
        .post('/campaigns')
        .set('authorization', brand.auth)
        .send({ title: 'Summer glow', brief: 'ok', 'x\u0000': 1 });
      expectProblem(keyed, 400);
      expect(await system.db.campaign.count({ where: { brandId: brand.id } })).toBe(before);
    });

    it('refuses bytes that are not UTF-8 in a body, and NUL in a query or a path', async () => {
      const bytes = Buffer.concat([
        Buffer.from('{"title":"Summer '),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('","brief":"b"}'),
      ]);
      const body = await raw(system.app, {
        method: 'POST',
        path: '/campaigns',
        headers: {
          'content-type': 'application/json',
          authorization: brand.auth,
          'content-length': bytes.length,
        },
        chunks: [bytes],
      });
      expectProblem(body, 400);
      expect(body.body.detail).toMatch(/UTF-8/);

      const query = await request(system.app)
        .get('/marketplace?niche=beauty%00')
        .set('authorization', influencer.auth);
      expectProblem(query, 400);
      expect(named(query.body)).toEqual(['query.niche']);

      const path = await request(messenger.messagingApp)
        .get('/conversations/%00/messages')
        .set('authorization', influencer.auth);
      expectProblem(path, 400);
    });

    it('refuses an invitation whose template holds a NUL byte before it reaches the workflow', async () => {
      const published = await createCampaign(system, brand.auth);
      const sent = await request(system.app)
        .post(`/campaigns/${published}/invitations`)
        .set('authorization', brand.auth)
        .send({ influencerId: influencer.id, template: 'Hi {influencer}\u0000, join us!' });
      expectProblem(sent, 400);
      expect(named(sent.body)).toEqual(['body.template']);
      expect(await system.db.invitation.count({ where: { campaignId: published } })).toBe(0);
    });
  });

  describe('numbers, durations and links', () => {
    it('refuses a count the column cannot hold, naming it', async () => {
      const sent = await request(system.app)
        .post(`/campaigns/${randomUUID()}/results`)
        .set('authorization', influencer.auth)
        .send({
          postUrl: 'https://instagram.com/p/x',
          reach: 2_147_483_648,
          impressions: 1,
          likes: 1,
          comments: 1,
          clicks: 1,
        });
      expectProblem(sent, 400);
      expect(named(sent.body)).toEqual(['body.reach']);
    });

    it('bounds every duration of the schedule at the edge', async () => {
      const sent = await request(system.app)
        .post('/campaigns')
        .set('authorization', brand.auth)
        .send({
          title: 'Forever open',
          brief: 'b',
          schedule: { closeAfterSeconds: 9_007_199_254_740_991, storyDelaySeconds: 1e12 },
        });
      expectProblem(sent, 400);
      expect(named(sent.body).sort()).toEqual([
        'body.schedule.closeAfterSeconds',
        'body.schedule.storyDelaySeconds',
      ]);
    });

    it('ends a workflow given a schedule out of range at once, and the fixed draft publishes', async () => {
      const id = await createCampaign(system, brand.auth, { draft: true });
      // As the Temporal CLI (or a draft stored before the bounds) could start it.
      const handle = await system.temporal.workflow.start(CAMPAIGN_WORKFLOW_TYPE, {
        taskQueue: CAMPAIGN_TASK_QUEUE,
        workflowId: campaignWorkflowId(id),
        args: [
          {
            campaignId: id,
            brandId: brand.id,
            title: 'Forever open',
            publishedBy: 'user-1',
            schedule: { closeAfterSeconds: 9_007_199_254_740_991 },
          },
        ],
      });
      await expect(handle.result()).rejects.toThrow(WorkflowFailedError);
      expect((await system.db.campaign.findUniqueOrThrow({ where: { id } })).status).toBe('draft');
      await request(system.app)
        .post(`/campaigns/${id}/publish`)
        .set('authorization', brand.auth)
        .expect(202);
      await eventually(async () => {
        const row = await system.db.campaign.findUniqueOrThrow({ where: { id } });
        expect(row.status).toBe('published');
      });
    });

    it('has the workflow refuse text no store can keep, from the CLI too, and keep working', async () => {
      const id = await createCampaign(system, brand.auth);
      const handle = system.temporal.workflow.getHandle(campaignWorkflowId(id));
      // A signal cannot answer: its refusal is kept on the board, and the campaign goes on.
      await handle.signal('closeEarly', { closedBy: 'ops-cli', reason: 'typed \u0000 in a shell' });
      const board = await eventually(async () => {
        const current = await handle.query<{ recentRefusals: { refusal: { code: string } }[] }>(
          'board',
        );
        expect(current.recentRefusals.map((entry) => entry.refusal.code)).toEqual([
          'invalid_input',
        ]);
        return current;
      });
      expect(board.recentRefusals).toHaveLength(1);
      await request(system.app)
        .post(`/campaigns/${id}/close`)
        .set('authorization', await bearer({ role: 'ops', userId: 'ops-layla' }))
        .send({ reason: 'the brand asked to stop' })
        .expect(200);
    });

    it('accepts only http(s) links', async () => {
      for (const link of [
        'javascript:alert(document.cookie)',
        'data:text/html,<script>x</script>',
      ]) {
        const story = await request(system.app)
          .post('/campaigns')
          .set('authorization', brand.auth)
          .send({ title: 'Linked', brief: 'b', storyImageUrls: [link] });
        expectProblem(story, 400);
        expect(named(story.body)).toEqual(['body.storyImageUrls.0']);
        const result = await request(system.app)
          .post(`/campaigns/${randomUUID()}/results`)
          .set('authorization', influencer.auth)
          .send({ postUrl: link, reach: 1, impressions: 1, likes: 1, comments: 1, clicks: 1 });
        expectProblem(result, 400);
        expect(named(result.body)).toEqual(['body.postUrl']);
        const imported = await request(system.app)
          .post(`/campaigns/${randomUUID()}/results/import`)
          .set('authorization', influencer.auth)
          .send({ postUrl: link });
        expectProblem(imported, 400);
        expect(named(imported.body)).toEqual(['body.postUrl']);
      }
    });
  });

  describe('cursors, nesting and keys', () => {
    it('refuses a cursor the server did not issue, whatever it holds', async () => {
      const forged = [
        Buffer.from(JSON.stringify({ at: '2026-11-25T10:00:00.000Z', id: 'x' })).toString(
          'base64url',
        ),
        Buffer.from(JSON.stringify({ at: '-271821-04-20T00:00:00.000Z', id: 'x' })).toString(
          'base64url',
        ),
        `${Buffer.from(JSON.stringify({ at: '+275760-09-13T00:00:00.000Z', id: 'x' })).toString('base64url')}.AAAAAAAAAAAAAAAAAAAAAA`,
        'not a cursor',
      ];
      for (const cursor of forged) {
        for (const [app, path, auth] of [
          [system.app, '/marketplace', influencer.auth],
          [system.app, '/campaigns', brand.auth],
          [messenger.messagingApp, '/conversations', brand.auth],
        ] as const) {
          const sent = await request(app).get(path).query({ cursor }).set('authorization', auth);
          expectProblem(sent, 400);
        }
      }
    });

    it('refuses JSON nested 200,000 levels deep, Idempotency-Key or not, at once', async () => {
      const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
      const started = Date.now();
      const sent = await request(system.app)
        .post('/campaigns')
        .set('authorization', brand.auth)
        .set('idempotency-key', `deep-${randomUUID()}`)
        .set('content-type', 'application/json')
        .send(deep);
      expectProblem(sent, 400);
      expect(sent.body.detail).toMatch(/nests deeper/);
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('replays a keyed request whose body lists its keys in another order', async () => {
      const key = `order-${randomUUID()}`;
      const first = await request(system.app)
        .post('/campaigns')
        .set('authorization', brand.auth)
        .set('idempotency-key', key)
        .set('content-type', 'application/json')
        .send('{"title":"Key order","brief":"b"}')
        .expect(201);
      const again = await request(system.app)
        .post('/campaigns')
        .set('authorization', brand.auth)
        .set('idempotency-key', key)
        .set('content-type', 'application/json')
        .send('{"brief":"b","title":"Key order"}')
        .expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body.id).toBe(first.body.id);
    });
  });

  describe('tokens and methods', () => {
    const token = (claims: { exp?: number; iat?: number }) => {
      let jwt = new SignJWT({ role: 'brand', brandId: brand.id })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('user-1')
        .setIssuer('campaign-platform')
        .setAudience('campaign-platform-api');
      if (claims.iat !== undefined) jwt = jwt.setIssuedAt(claims.iat);
      if (claims.exp !== undefined) jwt = jwt.setExpirationTime(claims.exp);
      return jwt.sign(new TextEncoder().encode(TEST_AUTH_SECRET));
    };

    it('refuses a token without an expiry, valid for centuries, or issued in the future', async () => {
      const now = Math.floor(Date.now() / 1000);
      for (const claims of [
        { iat: now },
        { iat: now, exp: now + 100 * 365 * 24 * 3600 },
        { iat: now, exp: now + 25 * 3600 },
        { exp: now + 3600 },
        { iat: now + 3600, exp: now + 7200 },
      ]) {
        const sent = await request(system.app)
          .get('/campaigns')
          .set('authorization', `Bearer ${await token(claims)}`);
        expectProblem(sent, 401);
      }
      await request(system.app)
        .get('/campaigns')
        .set('authorization', `Bearer ${await token({ iat: now, exp: now + 3600 })}`)
        .expect(200);
    });

    it('answers 405 with Allow to a method a path does not have', async () => {
      for (const [method, path] of [
        ['TRACE', '/campaigns'],
        ['DELETE', `/campaigns/${draftId}`],
        ['PUT', '/notifications'],
      ] as const) {
        const app = path === '/notifications' ? messenger.notificationsApp : system.app;
        const sent = await raw(app, { method, path, headers: { authorization: brand.auth } });
        expectProblem(sent, 405);
        expect((sent.headers as Record<string, string>).allow).toBeTruthy();
      }
      expect((await draft()).status).toBe('draft');
    });
  });

  it('never replays one principal’s keyed reply to another with the same user id', async () => {
    // Equal user ids in two brands: the key scope is the whole principal, so one never replays
    // the other's campaign.
    const other = await createBrand(system, 'professional');
    const key = `shared-${randomUUID()}`;
    const sameUser = (brandId: string) => bearer({ role: 'brand', userId: 'same-user', brandId });
    const body = { title: 'Namesakes', brief: 'b' };
    const first = await request(system.app)
      .post('/campaigns')
      .set('authorization', await sameUser(brand.id))
      .set('idempotency-key', key)
      .send(body)
      .expect(201);
    const second = await request(system.app)
      .post('/campaigns')
      .set('authorization', await sameUser(other.id))
      .set('idempotency-key', key)
      .send(body)
      .expect(201);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(second.body.brandId).toBe(other.id);
    expect(second.body.id).not.toBe(first.body.id);
    const asInfluencer = await request(system.app)
      .post('/campaigns')
      .set('authorization', await bearer({ role: 'influencer', userId: 'same-user' }))
      .set('idempotency-key', key)
      .send(body);
    expectProblem(asInfluencer, 403);
  });
});
