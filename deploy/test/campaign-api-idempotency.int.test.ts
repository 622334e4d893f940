import { randomUUID } from 'node:crypto';
import { openApiPath } from '@campaign/service-runtime';
import { eventually, localGraphControl, testEnvironment } from '@campaign/testing';
import request from 'supertest';
import {
  bearer,
  createBrand,
  createInfluencer,
  startCampaignSystem,
  type CampaignSystem,
} from './system/campaign-system';

// A client that lost a reply retries with the same Idempotency-Key. Every mutation of the campaign
// API is sent twice here, along a whole campaign, and must answer the retry with its first reply
// and have its effect once: the second press of a one-time action is not refused, and nothing is
// stored twice.
describe('a replayed Idempotency-Key on every mutation (real engines)', () => {
  let system: CampaignSystem;
  const replayed = new Set<string>();

  beforeAll(async () => {
    system = await startCampaignSystem('idempotency-test');
  }, 60_000);

  afterAll(async () => {
    await system?.stop();
  });

  /** Sends a request twice with one key; the retry must get the first reply, marked replayed. */
  async function twice(
    op: string,
    path: string,
    auth: string,
    expected: number,
    body?: object,
    key = `key-${randomUUID()}`,
  ) {
    const [method, template] = op.split(' ') as ['POST' | 'PATCH' | 'PUT' | 'DELETE', string];
    const verb = method.toLowerCase() as 'post' | 'patch' | 'put' | 'delete';
    const api = request(system.app);
    const send = () => {
      const call = api[verb](path).set('authorization', auth).set('idempotency-key', key);
      return body ? call.send(body) : call;
    };
    const first = await send();
    expect({ op, status: first.status, body: first.body }).toMatchObject({
      op,
      status: expected,
    });
    const retry = await send();
    expect({ op, status: retry.status, body: retry.body }).toEqual({
      op,
      status: first.status,
      body: first.body,
    });
    expect(retry.get('idempotent-replayed')).toBe('true');
    replayed.add(`${method} ${openApiPath(template)}`);
    return first.body;
  }

  it('answers each retry with the first reply and has each effect once', async () => {
    const brand = await createBrand(system, 'professional');
    const ops = await bearer({ role: 'ops', userId: 'ops-layla' });
    const pat = await createInfluencer(system);
    const ivy = await createInfluencer(system);
    const max = `max-${randomUUID()}`;
    const maxAuth = await bearer({ role: 'influencer', userId: max });

    const newcomer = await bearer({ role: 'influencer', userId: `newcomer-${randomUUID()}` });
    const handle = `@newcomer_${randomUUID().slice(0, 8)}`;
    const profile = await twice('PUT /me/profile', '/me/profile', newcomer, 200, {
      handle,
      displayName: 'New Comer',
      niches: ['travel'],
      country: 'BE',
      shippingAddress: { street: 'Meir 1', city: 'Antwerp', country: 'BE' },
    });
    expect(await system.db.influencerProfile.count({ where: { handle } })).toBe(1);
    expect(profile).toMatchObject({ handle, followers: 0 });

    const { id } = await twice('POST /campaigns', '/campaigns', brand.auth, 201, {
      title: 'Retry-proof',
      brief: 'Sent over a flaky network',
    });
    const c = `/campaigns/${id}`;
    await twice('PATCH /campaigns/:campaignId', c, brand.auth, 200, { title: 'Retry-proof, v2' });
    await twice('POST /campaigns/:campaignId/publish', `${c}/publish`, brand.auth, 202);
    await eventuallyPublished(id);

    await twice('POST /campaigns/:campaignId/applications', `${c}/applications`, pat.auth, 201);
    await twice('POST /campaigns/:campaignId/invitations', `${c}/invitations`, brand.auth, 201, {
      influencerId: ivy.id,
    });
    const addition = { influencerId: max, reason: 'could not apply from the app' };
    await twice(
      'POST /campaigns/:campaignId/manual-additions',
      `${c}/manual-additions`,
      ops,
      200,
      addition,
    );
    const both = [pat.id, max];
    await twice('POST /campaigns/:campaignId/selection', `${c}/selection`, brand.auth, 200, {
      influencerIds: both,
      status: 'selected',
    });
    await twice('POST /campaigns/:campaignId/agreements', `${c}/agreements`, brand.auth, 200, {
      influencerIds: both,
    });
    await twice('POST /campaigns/:campaignId/agreement/sign', `${c}/agreement/sign`, pat.auth, 200);
    await twice(
      'POST /campaigns/:campaignId/agreement/decline',
      `${c}/agreement/decline`,
      maxAuth,
      200,
    );
    await twice('POST /campaigns/:campaignId/close', `${c}/close`, ops, 200, { reason: 'full' });
    await twice('POST /campaigns/:campaignId/collaboration', `${c}/collaboration`, brand.auth, 200);
    await twice('POST /campaigns/:campaignId/results', `${c}/results`, pat.auth, 201, {
      postUrl: 'https://social.example/p/retry-proof',
      reach: 1200,
      impressions: 3000,
      likes: 140,
      comments: 12,
      clicks: 30,
    });

    // Pat connects an Instagram account and imports a post's insights, twice with one key.
    const graph = localGraphControl(testEnvironment().graphApiUrl);
    const username = `ig_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    const account = await graph.createAccount({
      username,
      followers: 2_500,
      posts: [{ likes: 90, comments: 7, reach: 1_800, views: 4_200 }],
    });
    await connectAccount(pat.auth, username);
    const imported = await twice(
      'POST /campaigns/:campaignId/results/import',
      `${c}/results/import`,
      pat.auth,
      200,
      { postUrl: account.posts[0]!.permalink },
    );
    expect(imported).toMatchObject({ source: 'insights', reach: 1_800, likes: 90 });

    // Each effect once: what a second, unkeyed press would have done twice or refused.
    const where = { campaignId: id };
    expect(await system.db.campaign.count({ where: { brandId: brand.id } })).toBe(1);
    const campaign = await system.db.campaign.findUniqueOrThrow({ where: { id } });
    expect(campaign).toMatchObject({ title: 'Retry-proof, v2', status: 'closed' });
    const applications = await system.db.application.findMany({ where });
    expect(applications.map((row) => [row.influencerId, row.status, row.source])).toEqual(
      expect.arrayContaining([
        [pat.id, 'selected', 'applied'],
        [max, 'selected', 'manual'],
      ]),
    );
    expect(applications).toHaveLength(2);
    expect(await system.db.invitation.count({ where })).toBe(1);
    const agreements = await system.db.agreement.findMany({ where });
    expect(agreements.map((row) => [row.influencerId, row.status])).toEqual(
      expect.arrayContaining([
        [pat.id, 'accepted'],
        [max, 'declined'],
      ]),
    );
    expect(agreements).toHaveLength(2);
    expect(
      (await system.db.opsAction.findMany({ where, orderBy: { at: 'asc' } })).map(
        (row) => row.action,
      ),
    ).toEqual(['add_manually', 'close_early']);
    expect(
      (await system.db.collaborator.findMany({ where })).map((row) => row.influencerId),
    ).toEqual([pat.id]);
    expect(
      (await system.db.result.findMany({ where, orderBy: { createdAt: 'asc' } })).map(
        (row) => row.source,
      ),
    ).toEqual(['manual', 'insights']);
  });

  it('answers each retry of connecting, refreshing and disconnecting a social account with its first reply', async () => {
    const influencer = await createInfluencer(system);
    const username = `ig_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    const graph = localGraphControl(testEnvironment().graphApiUrl);
    await graph.createAccount({ username, followers: 4_321 });
    const { authorizeUrl } = await twice(
      'POST /me/social-account/connection',
      '/me/social-account/connection',
      influencer.auth,
      200,
    );
    const { code, state } = await graph.allow(authorizeUrl, username);
    const connected = await twice(
      'POST /me/social-account/connection/callback',
      '/me/social-account/connection/callback',
      influencer.auth,
      200,
      { code, state },
    );
    expect(connected).toMatchObject({ status: 'connected', username, followers: 4_321 });
    await graph.setFollowers(username, 5_000);
    const refreshed = await twice(
      'POST /me/social-account/refresh',
      '/me/social-account/refresh',
      influencer.auth,
      200,
    );
    expect(refreshed).toMatchObject({ status: 'connected', followers: 5_000 });
    const gone = await twice(
      'DELETE /me/social-account',
      '/me/social-account',
      influencer.auth,
      200,
    );
    expect(gone).toMatchObject({ status: 'disconnected' });
    // The code was exchanged once (a second exchange would have been refused), the account is gone.
    expect(await system.db.socialAccount.count({ where: { influencerId: influencer.id } })).toBe(0);
  });

  it('refuses a key reused for a different request, and keeps keys apart per caller', async () => {
    const brand = await createBrand(system, 'professional');
    const key = `key-${randomUUID()}`;
    const create = (auth: string, title: string) =>
      request(system.app)
        .post('/campaigns')
        .set('authorization', auth)
        .set('idempotency-key', key)
        .send({ title, brief: 'One key, two requests' });
    const first = await create(brand.auth, 'First of two');
    expect(first.status).toBe(201);
    const reused = await create(brand.auth, 'Second of two');
    expect(reused.status).toBe(422);
    expect(reused.type).toBe('application/problem+json');
    expect(reused.body.detail).toContain('used for a different request');
    expect(await system.db.campaign.count({ where: { brandId: brand.id } })).toBe(1);

    // Another caller's request with the same key is theirs, not a replay of the first.
    const other = await createBrand(system, 'enterprise');
    const theirs = await create(other.auth, 'First of two');
    expect(theirs.status).toBe(201);
    expect(theirs.get('idempotent-replayed')).toBeUndefined();
    expect(theirs.body.id).not.toBe(first.body.id);

    const malformed = await request(system.app)
      .post('/campaigns')
      .set('authorization', brand.auth)
      .set('idempotency-key', 'short')
      .send({ title: 'Bad key', brief: 'b' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toContain('Idempotency-Key must be 8 to 200 characters');
    expect(await system.db.campaign.count({ where: { brandId: brand.id } })).toBe(1);
  });

  it("answers each retry of a teammate's invitation, an ops account and a plan change with its first reply", async () => {
    const brand = await createBrand(system, 'starter');
    const teammate = `teammate-${randomUUID()}@example.test`;
    await twice('POST /brand/team/invitations', '/brand/team/invitations', brand.auth, 201, {
      name: 'Noor',
      email: teammate,
    });
    expect(await system.db.account.count({ where: { email: teammate } })).toBe(1);

    const ops = await bearer({ role: 'ops', userId: `ops-${randomUUID()}` });
    const colleague = `ops-${randomUUID()}@example.test`;
    await twice('POST /ops/accounts', '/ops/accounts', ops, 201, {
      name: 'Sam',
      email: colleague,
    });
    expect(await system.db.account.count({ where: { email: colleague } })).toBe(1);

    await twice('PUT /ops/brands/{brandId}/plan', `/ops/brands/${brand.id}/plan`, ops, 200, {
      plan: 'professional',
      reason: 'Upgraded by phone',
    });
    expect(await system.db.planChange.count({ where: { brandId: brand.id } })).toBe(1);
  });

  it('covered every mutation the OpenAPI document lists', async () => {
    const { body } = await request(system.app).get('/openapi.json').expect(200);
    // Public routes (sign-up, sign-in) have no caller to keep a reply for: each is safe to repeat
    // by its own rule (the same 202, a rate limit, a code that works once), not by a key. Replaying
    // parked events has its own test, keys included: dead-letters-over-http.
    const mutations = Object.entries(
      body.paths as Record<string, Record<string, { security?: unknown[] }>>,
    )
      .filter(([path]) => !path.startsWith('/ops/dead-letters'))
      .flatMap(([path, operations]) =>
        Object.entries(operations)
          .filter(([method]) => ['post', 'put', 'patch', 'delete'].includes(method))
          .filter(([, operation]) => operation.security?.length !== 0)
          .map(([method]) => `${method.toUpperCase()} ${path}`),
      );
    expect(mutations.length).toBeGreaterThan(10);
    expect(mutations.filter((op) => !replayed.has(op))).toEqual([]);
  });

  /** The OAuth round trip, unkeyed: connecting is not what the first test replays. */
  async function connectAccount(auth: string, username: string) {
    const started = await request(system.app)
      .post('/me/social-account/connection')
      .set('authorization', auth)
      .expect(200);
    const back = await localGraphControl(testEnvironment().graphApiUrl).allow(
      started.body.authorizeUrl,
      username,
    );
    await request(system.app)
      .post('/me/social-account/connection/callback')
      .set('authorization', auth)
      .send(back)
      .expect(200);
  }

  async function eventuallyPublished(id: string) {
    await eventually(async () => {
      const row = await system.db.campaign.findUniqueOrThrow({ where: { id } });
      expect(row.status).toBe('published');
    });
  }
});
