import { randomUUID } from 'node:crypto';
import { DEV_SOCIAL_TOKEN_KEY, createSocialTokenCipher } from '@campaign/campaign-service';
import { ensureAudienceRefreshSchedule } from '@campaign/campaign-service/worker';
import { INFLUENCER_PROFILES_TOPIC, InfluencerProfileChanged } from '@campaign/contracts';
import { influencerKey } from '@campaign/service-runtime';
import { eventually, testEnvironment } from '@campaign/testing';
import request from 'supertest';
import { campaignDatabaseOfOwn } from './system/database-of-own';
import {
  bearer,
  createBrand,
  createCampaign,
  startCampaignSystem,
  type CampaignSystem,
} from './system/campaign-system';

// An influencer's audience comes only from their connected Instagram account: connecting it (OAuth
// against the local Graph API, through the Instagram adapter) writes followers and engagement into
// the profile, announced like every change; the daily refresh (a Temporal Schedule) keeps them
// current; a lost token shows to the influencer and to ops. Campaigns that ask for a follower
// minimum take applications only from influencers whose account is connected.

const env = testEnvironment();
const cipher = createSocialTokenCipher(Buffer.from(DEV_SOCIAL_TOKEN_KEY, 'base64'));

/** The local Graph API's control API (`/_control`): test accounts and their figures. */
const control = {
  async account(username: string, followers: number) {
    const posts = [
      { likes: 300, comments: 20 },
      { likes: 500, comments: 40 },
    ];
    const response = await fetch(`${env.graphApiUrl}/_control/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, followers, posts }),
    });
    expect(response.status).toBe(201);
  },
  async followers(username: string, followers: number) {
    const response = await fetch(`${env.graphApiUrl}/_control/accounts/${username}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ followers }),
    });
    expect(response.status).toBe(200);
  },
  async fault(fault: object) {
    const response = await fetch(`${env.graphApiUrl}/_control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fault),
    });
    expect(response.status).toBe(201);
  },
  async loseTokens(username: string, state: 'expired' | 'revoked') {
    const response = await fetch(`${env.graphApiUrl}/_control/accounts/${username}/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state }),
    });
    expect(response.status).toBe(200);
  },
};

describe('social accounts: connecting, the audience and its daily refresh (local Graph API)', () => {
  let database: Awaited<ReturnType<typeof campaignDatabaseOfOwn>>;
  let system: CampaignSystem;
  let brand: Awaited<ReturnType<typeof createBrand>>;
  const taskQueue = `social-accounts-test-${randomUUID()}`;
  const scheduleId = `social-audience-refresh-test-${randomUUID()}`;
  const ops = bearer({ role: 'ops', userId: 'ops-olga' });
  /** Every answer the tests got, to look for tokens in. */
  const answers: string[] = [];

  beforeAll(async () => {
    // A database and task queue of this file's own: the refresh sees these accounts only.
    database = await campaignDatabaseOfOwn('social_accounts');
    system = await startCampaignSystem('social-accounts-test', {
      databaseUrl: database.url,
      taskQueue,
    });
    brand = await createBrand(system, 'professional');
  }, 60_000);

  afterAll(async () => {
    await system?.temporal.schedule
      .getHandle(scheduleId)
      .delete()
      .catch(() => undefined);
    await system?.stop();
    await database?.drop();
  });

  const call = async <T extends request.Test>(test: T) => {
    const response = await test;
    answers.push(JSON.stringify(response.body));
    return response;
  };

  /** An influencer with a profile of their own making (no figures) and a fresh Instagram name. */
  async function newInfluencer(followers: number) {
    const id = `influencer-${randomUUID()}`;
    const username = `ig_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    const auth = await bearer({ role: 'influencer', userId: id });
    await control.account(username, followers);
    const saved = await call(
      request(system.app)
        .put('/me/profile')
        .set('authorization', auth)
        .send({
          handle: `@${username}`,
          displayName: 'Jane Doe',
          niches: ['beauty'],
          country: 'NL',
          shippingAddress: { street: 'Keizersgracht 1', city: 'Amsterdam', country: 'NL' },
        })
        .expect(200),
    );
    expect(saved.body.followers).toBe(0);
    return { id, auth, username };
  }

  /** The OAuth round trip as a browser makes it: authorize URL, consent, redirect, callback. */
  async function connect(influencer: { auth: string; username: string }) {
    const started = await call(
      request(system.app)
        .post('/me/social-account/connection')
        .set('authorization', influencer.auth)
        .expect(200),
    );
    const authorize = new URL(started.body.authorizeUrl);
    authorize.searchParams.set('account', influencer.username);
    const consent = await fetch(authorize, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    const back = new URL(consent.headers.get('location')!);
    return call(
      request(system.app)
        .post('/me/social-account/connection/callback')
        .set('authorization', influencer.auth)
        .set('idempotency-key', randomUUID())
        .send({ code: back.searchParams.get('code'), state: back.searchParams.get('state') }),
    );
  }

  const apply = (campaignId: string, auth: string) =>
    call(
      request(system.app).post(`/campaigns/${campaignId}/applications`).set('authorization', auth),
    );

  const accountOf = async (auth: string) =>
    (
      await call(
        request(system.app).get('/me/social-account').set('authorization', auth).expect(200),
      )
    ).body;

  const applicationsOf = (campaignId: string) =>
    system.db.application.findMany({ where: { campaignId } });

  it('refuses an application without a connected account, with the reason; connecting fills the figures and the application is taken', async () => {
    const campaignId = await createCampaign(system, brand.auth, {
      qualifications: { minFollowers: 10_000 },
    });
    const jane = await newInfluencer(12_400);

    const refused = await apply(campaignId, jane.auth);
    expect(refused.status).toBe(422);
    expect(refused.type).toBe('application/problem+json');
    expect(refused.body.detail).toBe(
      'Connect your Instagram account: this campaign asks for at least 10000 followers.',
    );
    expect(await applicationsOf(campaignId)).toEqual([]);
    expect(await accountOf(jane.auth)).toMatchObject({ status: 'disconnected', followers: null });

    const connected = await connect(jane);
    expect(connected.status).toBe(200);
    expect(connected.body).toMatchObject({
      status: 'connected',
      username: jane.username,
      followers: 12_400,
      refreshedAt: expect.any(String),
      expiresAt: expect.any(String),
    });
    // (300 + 20 + 500 + 40) / 2 posts / 12,400 followers, in percent.
    expect(connected.body.engagementRate).toBeCloseTo(3.47, 1);

    const profile = await call(
      request(system.app).get('/me/profile').set('authorization', jane.auth).expect(200),
    );
    expect(profile.body).toMatchObject({ followers: 12_400 });
    // Announced like every change of a profile, in the same transaction.
    await eventually(async () => {
      const events = (
        await system.db.campaignEventOutbox.findMany({
          where: { subject: jane.id, topic: INFLUENCER_PROFILES_TOPIC },
          orderBy: { position: 'asc' },
        })
      ).map((row) => InfluencerProfileChanged.parse(row.envelope));
      expect(events.at(-1)?.payload).toMatchObject({ influencerId: jane.id, followers: 12_400 });
    });

    const accepted = await apply(campaignId, jane.auth);
    expect(accepted.status).toBe(201);
    await eventually(async () =>
      expect((await applicationsOf(campaignId)).map((row) => row.influencerId)).toEqual([jane.id]),
    );
  });

  it('refuses a callback whose state was issued to another influencer, storing nothing', async () => {
    const jane = await newInfluencer(5_000);
    const mallory = await newInfluencer(5_000);
    const started = await request(system.app)
      .post('/me/social-account/connection')
      .set('authorization', jane.auth)
      .expect(200);
    const state = new URL(started.body.authorizeUrl).searchParams.get('state');
    const refused = await request(system.app)
      .post('/me/social-account/connection/callback')
      .set('authorization', mallory.auth)
      .send({ code: 'whatever', state })
      .expect(422);
    expect(refused.body.detail).toMatch(/issued to someone else/);
    expect(
      await system.db.socialAccount.findUnique({ where: { principal: influencerKey(mallory.id) } }),
    ).toBeNull();
  });

  it('refreshes every connected account daily through the Schedule: a changed audience changes who qualifies, a lost token is marked and the run goes on', async () => {
    const campaignId = await createCampaign(system, brand.auth, {
      qualifications: { minFollowers: 10_000 },
    });
    const shrinking = await newInfluencer(12_000);
    const growing = await newInfluencer(8_000);
    const lost = await newInfluencer(20_000);
    for (const influencer of [shrinking, growing, lost]) {
      expect((await connect(influencer)).status).toBe(200);
    }
    const small = await apply(campaignId, growing.auth);
    expect(small.status).toBe(422);
    expect(small.body.detail).toMatch(/at least 10000 followers \(you have 8000\)/);

    await control.followers(shrinking.username, 6_000);
    await control.followers(growing.username, 15_000);
    await control.loseTokens(lost.username, 'revoked');
    // A rate limit on the way is waited out by the activity's retry, after the network's wait.
    await control.fault({
      fault: 'rate_limited',
      username: shrinking.username,
      path: '/me',
      retryAfterSeconds: 1,
    });

    // Created when the worker starts; again (a restart, another worker) it changes nothing.
    const at = { hour: 4, minute: 30 };
    await ensureAudienceRefreshSchedule(system.temporal, { at, taskQueue, scheduleId });
    await ensureAudienceRefreshSchedule(system.temporal, { at, taskQueue, scheduleId });
    const schedule = system.temporal.schedule.getHandle(scheduleId);
    const described = await schedule.describe();
    expect(described.spec.calendars?.[0]).toMatchObject({
      hour: [{ start: 4, end: 4, step: 1 }],
      minute: [{ start: 30, end: 30, step: 1 }],
    });
    // Run it now, as its daily time would.
    await schedule.trigger();

    await eventually(
      async () => {
        const figures = await system.db.influencerProfile.findMany({
          where: { id: { in: [shrinking.id, growing.id] } },
          select: { id: true, followers: true },
        });
        expect(Object.fromEntries(figures.map((row) => [row.id, row.followers]))).toEqual({
          [shrinking.id]: 6_000,
          [growing.id]: 15_000,
        });
        expect((await accountOf(lost.auth)).status).toBe('revoked');
      },
      { timeoutMs: 60_000 },
    );

    expect((await apply(campaignId, growing.auth)).status).toBe(201);
    const shrunk = await apply(campaignId, shrinking.auth);
    expect(shrunk.status).toBe(422);
    expect(shrunk.body.detail).toMatch(/at least 10000 followers \(you have 6000\)/);
    const revoked = await apply(campaignId, lost.auth);
    expect(revoked.status).toBe(422);
    expect(revoked.body.detail).toMatch(
      /Connect your Instagram account again \(its access was revoked\)/,
    );

    const opsView = await call(
      request(system.app)
        .get('/ops/social-accounts?status=revoked')
        .set('authorization', await ops)
        .expect(200),
    );
    expect(opsView.body.items).toEqual([
      expect.objectContaining({
        influencerId: lost.id,
        username: lost.username,
        status: 'revoked',
      }),
    ]);
  }, 90_000);

  it('shows an expired token to the influencer and to ops, and takes the token away', async () => {
    const jane = await newInfluencer(30_000);
    expect((await connect(jane)).status).toBe(200);
    await control.loseTokens(jane.username, 'expired');

    const refreshed = await call(
      request(system.app)
        .post('/me/social-account/refresh')
        .set('authorization', jane.auth)
        .expect(200),
    );
    expect(refreshed.body).toMatchObject({ status: 'expired', username: jane.username });
    expect(await accountOf(jane.auth)).toMatchObject({ status: 'expired' });
    const row = await system.db.socialAccount.findUniqueOrThrow({
      where: { principal: influencerKey(jane.id) },
    });
    expect(row.tokenCiphertext).toBeNull();

    const page = async (cursor?: string) =>
      (
        await call(
          request(system.app)
            .get(`/ops/social-accounts?status=expired&limit=1${cursor ? `&cursor=${cursor}` : ''}`)
            .set('authorization', await ops)
            .expect(200),
        )
      ).body;
    const first = await page();
    expect(first.items).toEqual([
      {
        influencerId: jane.id,
        username: jane.username,
        status: 'expired',
        since: expect.any(String),
      },
    ]);
    // Another refresh is refused: the influencer must connect again.
    await request(system.app)
      .post('/me/social-account/refresh')
      .set('authorization', jane.auth)
      .expect(409);

    // Disconnecting deletes the account; connecting again makes it connected.
    await request(system.app)
      .delete('/me/social-account')
      .set('authorization', jane.auth)
      .expect(200);
    expect(await accountOf(jane.auth)).toMatchObject({ status: 'disconnected' });
    expect((await connect(jane)).body).toMatchObject({ status: 'connected', followers: 30_000 });
  });

  it('refreshes on demand, exchanging a token near its expiry first; an outage of the network answers 503 and changes nothing', async () => {
    const jane = await newInfluencer(40_000);
    expect((await connect(jane)).status).toBe(200);
    const principal = influencerKey(jane.id);
    // Three days left: within the week before expiry in which a token is exchanged.
    const soon = new Date(Date.now() + 3 * 24 * 3600 * 1000);
    await system.db.socialAccount.update({ where: { principal }, data: { tokenExpiresAt: soon } });
    const before = await system.db.socialAccount.findUniqueOrThrow({ where: { principal } });
    await control.followers(jane.username, 41_000);

    const refreshed = await call(
      request(system.app)
        .post('/me/social-account/refresh')
        .set('authorization', jane.auth)
        .expect(200),
    );
    expect(refreshed.body).toMatchObject({ status: 'connected', followers: 41_000 });
    expect(Date.parse(refreshed.body.expiresAt)).toBeGreaterThan(
      soon.getTime() + 7 * 24 * 3600 * 1000,
    );
    const after = await system.db.socialAccount.findUniqueOrThrow({ where: { principal } });
    const open = (row: typeof after) =>
      cipher.open({ ciphertext: row.tokenCiphertext!, keyId: row.tokenKeyId! }, row.principal);
    expect(open(after)).not.toBe(open(before));

    await control.followers(jane.username, 42_000);
    await control.fault({ fault: 'unavailable', username: jane.username, times: 3 });
    const down = await call(
      request(system.app).post('/me/social-account/refresh').set('authorization', jane.auth),
    );
    expect(down.status).toBe(503);
    expect(down.type).toBe('application/problem+json');
    expect(await accountOf(jane.auth)).toMatchObject({ status: 'connected', followers: 41_000 });
  });

  it('never stores a token in clear nor shows one in any answer', async () => {
    const rows = await system.db.socialAccount.findMany({ where: { status: 'connected' } });
    expect(rows.length).toBeGreaterThan(2);
    const answered = answers.join('\n');
    for (const row of rows) {
      const token = cipher.open(
        { ciphertext: row.tokenCiphertext!, keyId: row.tokenKeyId! },
        row.principal,
      );
      expect(token).toEqual(expect.any(String));
      expect(token!.length).toBeGreaterThan(10);
      expect(Buffer.from(row.tokenCiphertext!).includes(Buffer.from(token!))).toBe(false);
      expect(answered).not.toContain(token);
      // Nowhere else in the database either: not in events, nor in kept idempotent answers.
      const [{ hits }] = await system.db.$queryRawUnsafe<[{ hits: bigint }]>(
        `SELECT (SELECT count(*) FROM campaign_event_outbox WHERE envelope::text LIKE '%' || $1 || '%')
              + (SELECT count(*) FROM idempotency_keys WHERE row_to_json(idempotency_keys)::text LIKE '%' || $1 || '%') AS hits`,
        token,
      );
      expect(Number(hits)).toBe(0);
    }
  });
});
