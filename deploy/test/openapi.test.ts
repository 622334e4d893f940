import { buildCampaignApp } from '@campaign/campaign-service';
import { buildMessagingApp } from '@campaign/messaging-service';
import { buildNotificationsApp } from '@campaign/notifications-service';
import { createLogger, openApiPath } from '@campaign/service-runtime';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { Express } from 'express';
import request from 'supertest';

// The apps are built with dependencies that are never called: only their routes are read.
const unused = new Proxy({}, { get: () => () => Promise.reject(new Error('not used here')) });
const common = {
  logger: createLogger('openapi-test', 'silent'),
  authSecret: 'x'.repeat(32),
  readiness: [],
};
const apps: Record<string, Express> = {
  campaign: buildCampaignApp({
    ...common,
    store: unused as never,
    boards: unused as never,
    network: unused as never,
    collaborations: unused as never,
    db: unused as never,
    lifecycle: unused as never,
    idempotencyStore: unused as never,
    social: unused as never,
    accounts: unused as never,
    clientLimit: unused as never,
  }),
  messaging: buildMessagingApp({
    ...common,
    conversations: unused as never,
    groups: unused as never,
    support: unused as never,
    liveConversations: unused as never,
    idempotencyStore: unused as never,
  }),
  notifications: buildNotificationsApp({
    ...common,
    inbox: unused as never,
    newsletter: unused as never,
    preferences: unused as never,
    idempotencyStore: unused as never,
  }),
};

type Layer = {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
};

/** Every `METHOD /path` Express serves behind authentication (probes and docs excluded). */
function servedRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        // `_all` is the frame's 405 check on every declared path, not a route of its own.
        for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all')) {
          found.push(`${method.toUpperCase()} ${openApiPath(layer.route.path)}`);
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  const public_ = ['GET /healthz', 'GET /readyz', 'GET /openapi.json'];
  return found.filter((route) => !public_.includes(route)).sort();
}

describe.each(Object.entries(apps))('the %s OpenAPI document', (_name, app) => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const { body } = await request(app).get('/openapi.json').expect(200);
    const result = await new Validator().validate(body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(body.openapi).toBe('3.1.0');
  });

  it('lists exactly the routes the service serves', async () => {
    const { body } = await request(app).get('/openapi.json').expect(200);
    const documented = Object.entries(body.paths as Record<string, object>)
      .flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
      )
      .sort();
    expect(documented).toEqual(servedRoutes(app));
    expect(documented.length).toBeGreaterThan(0);
  });

  it('has a browsable docs page', async () => {
    const page = await request(app).get('/docs/').expect(200);
    expect(page.text).toContain('swagger-ui');
  });
});
