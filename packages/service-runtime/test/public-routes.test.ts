import request from 'supertest';
import { z } from 'zod';
import { ApiRoutes, buildServiceApp, createLogger, issueToken, parseBody } from '../src';

const SECRET = 'a-test-secret-that-is-long-enough-to-sign';
const Email = z.object({ email: z.string().min(3) }).strict();

function appWith(publicRoutes: ApiRoutes[], routes: ApiRoutes[] = []) {
  return buildServiceApp({
    logger: createLogger('test', 'silent'),
    authSecret: SECRET,
    readiness: [],
    api: { title: 'Test API', description: 'A service for the tests.' },
    routes,
    publicRoutes,
  });
}

const signIn = () =>
  new ApiRoutes().add(
    {
      method: 'post',
      path: '/sign-in/links',
      summary: 'Ask for a link',
      roles: [],
      public: true,
      body: Email,
      success: { status: 202, description: 'Sent' },
    },
    (req, res, caller) => {
      parseBody(Email, req);
      res.status(202).json({ caller: caller ?? null });
    },
  );

describe('public routes (signing up and signing in, before there is a token)', () => {
  it('answer without a bearer token, read JSON, and validate their body', async () => {
    const app = appWith([signIn()]);
    const sent = await request(app).post('/sign-in/links').send({ email: 'a@b.test' });
    expect(sent.status).toBe(202);
    // No caller: a token sent along changes nothing.
    expect(sent.body).toEqual({ caller: null });
    const bad = await request(app).post('/sign-in/links').send({ email: 'a', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.type).toBe('application/problem+json');
    const notJson = await request(app)
      .post('/sign-in/links')
      .set('content-type', 'text/plain')
      .send('email=a@b.test');
    expect(notJson.status).toBe(415);
  });

  it('are documented with no security and no 401 or 403; the rest still need a token', async () => {
    const me = new ApiRoutes().add(
      {
        method: 'get',
        path: '/me',
        summary: 'Me',
        roles: ['ops'],
        success: { status: 200, description: 'Me' },
      },
      (req, res) => {
        res.json({});
      },
    );
    const app = appWith([signIn()], [me]);
    const { body } = await request(app).get('/openapi.json').expect(200);
    const open = body.paths['/sign-in/links'].post;
    expect(open.security).toEqual([]);
    expect(Object.keys(open.responses)).not.toContain('401');
    expect(Object.keys(open.responses)).not.toContain('403');
    expect(body.paths['/me'].get.security).toEqual([{ bearer: [] }]);
    expect((await request(app).get('/me')).status).toBe(401);
    const ops = await issueToken({ role: 'ops', userId: 'o' }, SECRET);
    expect((await request(app).get('/me').set('authorization', `Bearer ${ops}`)).status).toBe(200);
  });

  it('must be declared public to be given as public routes, and the other way round', () => {
    expect(() => appWith([], [signIn()])).toThrow(/wrong side of authentication/);
    const notPublic = new ApiRoutes().add(
      {
        method: 'get',
        path: '/x',
        summary: 'x',
        roles: ['ops'],
        success: { status: 200, description: 'x' },
      },
      (req, res) => {
        res.json({});
      },
    );
    expect(() => appWith([notPublic])).toThrow(/wrong side of authentication/);
  });
});
