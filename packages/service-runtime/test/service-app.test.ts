import request from 'supertest';
import { z } from 'zod';
import { ApiRoutes, buildServiceApp, createLogger, issueToken, parseBody } from '../src';

const SECRET = 'a-test-secret-that-is-long-enough-to-sign';
const Body = z.object({ name: z.string().min(2), count: z.number().int() });

function appWith(readinessOk: boolean, corsOrigins?: string[]) {
  const stored: unknown[] = [];
  const routes = new ApiRoutes().add(
    {
      method: 'post',
      path: '/things',
      summary: 'Store a thing',
      roles: ['brand'],
      body: Body,
      success: { status: 201, description: 'Stored' },
    },
    (req, res) => {
      stored.push(parseBody(Body, req));
      res.status(201).json({ ok: true });
    },
  );
  const app = buildServiceApp({
    logger: createLogger('test', 'silent'),
    authSecret: SECRET,
    readiness: [
      { name: 'database', check: async () => {} },
      {
        name: 'kafka',
        check: async () => {
          if (!readinessOk) throw new Error('down');
        },
      },
    ],
    api: { title: 'Test API', description: 'A service for the tests.' },
    routes: [routes],
    ...(corsOrigins ? { corsOrigins } : {}),
  });
  return { app, stored };
}

const brand = () => issueToken({ role: 'brand', userId: 'u1', brandId: 'b1' }, SECRET);

describe('the service frame', () => {
  it('lets only the configured web apps call it from a browser', async () => {
    const { app } = appWith(true, ['https://app.example']);
    const preflight = await request(app)
      .options('/things')
      .set('origin', 'https://app.example')
      .set('access-control-request-method', 'POST')
      .set('access-control-request-headers', 'authorization,content-type,idempotency-key')
      .expect(204);
    expect(preflight.get('access-control-allow-origin')).toBe('https://app.example');
    expect(preflight.get('access-control-allow-headers')).toBe(
      'Authorization,Content-Type,Idempotency-Key,Last-Event-ID',
    );
    const call = await request(app)
      .post('/things')
      .set('origin', 'https://app.example')
      .set('authorization', `Bearer ${await brand()}`)
      .send({ name: 'lamp', count: 1 })
      .expect(201);
    expect(call.get('access-control-expose-headers')).toBe('Idempotent-Replayed,X-Request-Id');

    const elsewhere = await request(app)
      .options('/things')
      .set('origin', 'https://evil.example')
      .set('access-control-request-method', 'POST');
    expect(elsewhere.get('access-control-allow-origin')).toBeUndefined();
    const byDefault = await request(appWith(true).app)
      .options('/things')
      .set('origin', 'https://app.example')
      .set('access-control-request-method', 'POST');
    expect(byDefault.get('access-control-allow-origin')).toBeUndefined();
  });

  it('answers liveness always and readiness only when every dependency answers', async () => {
    const down = appWith(false).app;
    await request(down).get('/healthz').expect(200);
    const notReady = await request(down).get('/readyz').expect(503);
    expect(notReady.body.checks).toEqual({ database: 'ok', kafka: 'unavailable' });
    await request(appWith(true).app).get('/readyz').expect(200);
  });

  it('refuses a request without a valid token', async () => {
    const { app, stored } = appWith(true);
    await request(app).post('/things').send({ name: 'ok', count: 1 }).expect(401);
    const foreign = await issueToken(
      { role: 'brand', userId: 'u1', brandId: 'b1' },
      'another-secret-that-is-long-enough-too',
    );
    const response = await request(app)
      .post('/things')
      .set('authorization', `Bearer ${foreign}`)
      .send({ name: 'ok', count: 1 })
      .expect(401);
    expect(response.type).toBe('application/problem+json');
    expect(stored).toHaveLength(0);
  });

  it('answers bad input with 400 problem+json naming each field, and stores nothing', async () => {
    const { app, stored } = appWith(true);
    const response = await request(app)
      .post('/things')
      .set('authorization', `Bearer ${await brand()}`)
      .send({ name: 'x', count: 1.5 })
      .expect(400);
    expect(response.type).toBe('application/problem+json');
    expect(response.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'body.name',
      'body.count',
    ]);
    expect(stored).toHaveLength(0);
  });

  it('answers a body that is not JSON with 400', async () => {
    const { app } = appWith(true);
    const response = await request(app)
      .post('/things')
      .set('authorization', `Bearer ${await brand()}`)
      .set('content-type', 'application/json')
      .send('{"name":')
      .expect(400);
    expect(response.body.detail).toBe('The request body is not valid JSON.');
  });

  it('refuses the wrong role with the roles that may act', async () => {
    const { app, stored } = appWith(true);
    const influencer = await issueToken({ role: 'influencer', userId: 'i1' }, SECRET);
    const response = await request(app)
      .post('/things')
      .set('authorization', `Bearer ${influencer}`)
      .send({ name: 'ok', count: 1 })
      .expect(403);
    expect(response.body.detail).toContain('brand');
    expect(stored).toHaveLength(0);
  });

  it('stores valid input once', async () => {
    const { app, stored } = appWith(true);
    await request(app)
      .post('/things')
      .set('authorization', `Bearer ${await brand()}`)
      .send({ name: 'ok', count: 2 })
      .expect(201);
    expect(stored).toEqual([{ name: 'ok', count: 2 }]);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const { app } = appWith(true);
    const response = await request(app)
      .get('/nowhere')
      .set('authorization', `Bearer ${await brand()}`)
      .expect(404);
    expect(response.type).toBe('application/problem+json');
  });
});
