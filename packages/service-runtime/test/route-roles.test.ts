import request from 'supertest';
import { ApiRoutes, type Caller, buildServiceApp, createLogger, issueToken } from '../src';

// A route's roles are declared once, in its spec: the frame refuses everyone else before the
// handler runs, hands the handler the caller already narrowed, and documents the same roles.

const SECRET = 'a-test-secret-that-is-long-enough-to-sign';

function appWithBrandRoute() {
  const seen: Caller<'brand'>[] = [];
  const routes = new ApiRoutes()
    .add(
      {
        method: 'get',
        path: '/brand-things',
        summary: 'A thing for brands',
        roles: ['brand'],
        rolesNote: 'its own brand',
        success: { status: 200, description: 'The thing' },
      },
      (_req, res, brand) => {
        seen.push(brand);
        // Typed as a brand: its brandId is there without a check of the role.
        res.json({ brandId: brand.brandId });
      },
    )
    .add(
      {
        method: 'get',
        path: '/anyone-things',
        summary: 'A thing for anyone',
        roles: ['brand', 'influencer', 'ops'],
        success: { status: 200, description: 'The thing' },
      },
      (_req, res, caller) => {
        res.json({ role: caller.role });
      },
    );
  const app = buildServiceApp({
    logger: createLogger('test', 'silent'),
    authSecret: SECRET,
    readiness: [],
    api: { title: 'Test API', description: 'A service for the tests.' },
    routes: [routes],
  });
  return { app, seen };
}

describe('who may call a route', () => {
  it('refuses a role the route is not for with 403, before the handler runs', async () => {
    const { app, seen } = appWithBrandRoute();
    const influencer = await issueToken({ role: 'influencer', userId: 'i1' }, SECRET);
    const response = await request(app)
      .get('/brand-things')
      .set('authorization', `Bearer ${influencer}`)
      .expect(403);
    expect(response.type).toBe('application/problem+json');
    expect(response.body.detail).toBe('This action is for the role(s): brand.');
    expect(seen).toEqual([]);
  });

  it('hands the handler the caller narrowed to the route’s roles', async () => {
    const { app, seen } = appWithBrandRoute();
    const brand = await issueToken({ role: 'brand', userId: 'u1', brandId: 'b1' }, SECRET);
    const response = await request(app)
      .get('/brand-things')
      .set('authorization', `Bearer ${brand}`)
      .expect(200);
    expect(response.body).toEqual({ brandId: 'b1' });
    expect(seen).toEqual([{ role: 'brand', userId: 'u1', brandId: 'b1' }]);
  });

  it('documents the roles, and 403 only where a role can be refused', async () => {
    const { app } = appWithBrandRoute();
    const { body } = await request(app).get('/openapi.json').expect(200);
    const forBrands = body.paths['/brand-things'].get;
    expect(forBrands.description).toBe('For: brand (its own brand).');
    expect(Object.keys(forBrands.responses)).toContain('403');
    const forAnyone = body.paths['/anyone-things'].get;
    expect(forAnyone.description).toBe('For: brand, influencer, ops.');
    expect(Object.keys(forAnyone.responses)).not.toContain('403');
  });
});
