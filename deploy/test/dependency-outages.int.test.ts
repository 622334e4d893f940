import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { campaignWorkflowId } from '@campaign/contracts';
import { keyedRequest } from '@campaign/service-runtime';
import { eventually } from '@campaign/testing';
import request from 'supertest';
import { profiles } from '../src/engines/engines';
import { applyMigrations } from '../src/database/migrate';
import { migrationsDir } from '../src/database/service-databases';
import { ensureDatabase, startPostgres, type PostgresEngine } from '../src/engines/postgres';
import { dataDir } from '../src/paths';
import {
  bearer,
  createBrand,
  createCampaign,
  createInfluencer,
  startCampaignSystem,
  type CampaignSystem,
} from './system/campaign-system';

/**
 * Fail fast, never hang, recover at once: a dependency that is down costs a client a quick 503
 * with Retry-After, and the campaign moves again within seconds of its return. A retried request
 * never gets another answer than the one its first attempt got.
 */

function expectUnavailable(sent: { status: number; type: string; headers: object }) {
  expect({ status: sent.status, type: sent.type }).toEqual({
    status: 503,
    type: 'application/problem+json',
  });
  expect((sent.headers as Record<string, string>)['retry-after']).toMatch(/^\d+$/);
}

describe('with no worker polling (real Temporal)', () => {
  let system: CampaignSystem;

  beforeAll(async () => {
    system = await startCampaignSystem('no-worker-test', {
      taskQueue: `unpolled-${randomUUID()}`,
      worker: false,
      actionDeadlineMs: 2_000,
    });
  });

  afterAll(async () => {
    await system.stop();
  });

  it('answers a lifecycle POST 503 within its deadline, not after the outage', async () => {
    const brand = await createBrand(system, 'professional');
    const campaignId = await createCampaign(system, brand.auth, { draft: true });
    await request(system.app)
      .post(`/campaigns/${campaignId}/publish`)
      .set('authorization', brand.auth)
      .expect(202);
    // As the read model stands once a worker recorded the publish and then died.
    await system.db.campaign.update({
      where: { id: campaignId },
      data: { status: 'published', publishedAt: new Date() },
    });
    const ops = await bearer({ role: 'ops', userId: 'ops-layla' });
    const started = Date.now();
    const sent = await request(system.app)
      .post(`/campaigns/${campaignId}/close`)
      .set('authorization', ops)
      .send({ reason: 'the brand asked to stop' });
    const tookMs = Date.now() - started;
    expectUnavailable(sent);
    expect(tookMs).toBeGreaterThanOrEqual(2_000);
    expect(tookMs).toBeLessThan(5_000);
    await system.temporal.workflow.getHandle(campaignWorkflowId(campaignId)).terminate('test over');
  });
});

describe('a retry after the service died with the request in flight (real engines)', () => {
  let system: CampaignSystem;

  beforeAll(async () => {
    system = await startCampaignSystem('crashed-request-test');
  });

  afterAll(async () => {
    await system.stop();
  });

  /** The claim an influencer's keyed POST left on its key, its lease renewed `ageMs` ago. */
  async function claimLeftBehind(influencerId: string, key: string, url: string, ageMs: number) {
    const keyed = keyedRequest({
      identity: { role: 'influencer', userId: influencerId },
      key,
      method: 'POST',
      url,
      body: undefined,
    });
    await system.db.idempotencyKey.create({
      data: {
        scope: keyed.scope,
        key,
        requestHash: keyed.requestHash,
        createdAt: new Date(Date.now() - ageMs),
      },
    });
    return keyed;
  }

  it('gets the original acceptance, not the refusal a second judgment would give', async () => {
    const brand = await createBrand(system, 'professional');
    const influencer = await createInfluencer(system);
    const campaignId = await createCampaign(system, brand.auth);
    const key = `apply-${randomUUID()}`;
    const url = `/campaigns/${campaignId}/applications`;
    // What a campaign service killed mid-request leaves behind: its claim on the key, whose lease
    // is no longer renewed, and the action it had sent, which the workflow accepted and stored.
    const keyed = await claimLeftBehind(influencer.id, key, url, 9_000);
    const profile = { followers: 10_000, niches: ['beauty'], country: 'NL' };
    expect(
      await system.lifecycle.act(
        campaignId,
        'apply',
        { influencerId: influencer.id, profile },
        keyed.requestId,
      ),
    ).toEqual({ accepted: true });

    const retried = await request(system.app)
      .post(url)
      .set('authorization', influencer.auth)
      .set('idempotency-key', key)
      .expect(201);
    expect(retried.body).toEqual({ campaignId, influencerId: influencer.id });
    // Without the key, the same request is judged anew: refused, since the first was accepted.
    await request(system.app).post(url).set('authorization', influencer.auth).expect(409);
    const applications = await system.db.application.count({
      where: { campaignId, influencerId: influencer.id },
    });
    expect(applications).toBe(1);
  });

  it('answers a retry while the first attempt still runs with 409 and Retry-After', async () => {
    const influencer = await createInfluencer(system);
    const key = `running-${randomUUID()}`;
    const url = `/campaigns/${randomUUID()}/applications`;
    // A live request renews its lease every 2 s: this one was renewed a moment ago.
    await claimLeftBehind(influencer.id, key, url, 0);
    const sent = await request(system.app)
      .post(url)
      .set('authorization', influencer.auth)
      .set('idempotency-key', key)
      .expect(409);
    expect(sent.headers['retry-after']).toBe('1');
  });
});

describe('PostgreSQL down, then back (real engines, a PostgreSQL of its own)', () => {
  const port = profiles.test.postgresPort + 50;
  const folder = path.join(dataDir('test'), 'outage-postgres');
  let postgres: PostgresEngine;
  let system: CampaignSystem;

  beforeAll(async () => {
    postgres = await startPostgres({ dataDir: folder, port });
    const databaseUrl = await ensureDatabase(postgres.serverUrl, 'campaign_outage');
    await applyMigrations(databaseUrl, migrationsDir('campaign'));
    system = await startCampaignSystem('outage-test', {
      databaseUrl,
      taskQueue: `outage-${randomUUID()}`,
    });
  });

  afterAll(async () => {
    await system?.stop();
    await postgres?.stop();
  });

  it('answers 503 at once while it is down, and acts again within 5 s of a 60 s outage', async () => {
    const brand = await createBrand(system, 'professional');
    const invitee = await createInfluencer(system);
    const applicant = await createInfluencer(system);
    const campaignId = await createCampaign(system, brand.auth);

    await postgres.stop();
    const outageStarted = Date.now();
    for (const ask of [
      () => request(system.app).get(`/campaigns/${campaignId}`).set('authorization', brand.auth),
      () =>
        request(system.app)
          .post('/campaigns')
          .set('authorization', brand.auth)
          .send({ title: 'While down', brief: 'b' }),
    ]) {
      const started = Date.now();
      const sent = await ask();
      expectUnavailable(sent);
      expect(Date.now() - started).toBeLessThan(4_000);
    }
    const ready = await request(system.app).get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.checks.database).toBe('unavailable');

    // The workflow takes an action meanwhile (a signal needs no answer); recording it fails
    // until the database is back, retried with a backoff that never grows past seconds.
    await system.temporal.workflow
      .getHandle(campaignWorkflowId(campaignId))
      .signal('invite', { influencerId: invitee.id, invitedBy: 'user-of-brand' });
    await new Promise((resolve) => setTimeout(resolve, 60_000 - (Date.now() - outageStarted)));

    postgres = await startPostgres({ dataDir: folder, port });
    const back = Date.now();
    await eventually(
      async () => {
        await request(system.app)
          .get(`/campaigns/${campaignId}`)
          .set('authorization', brand.auth)
          .expect(200);
      },
      { timeoutMs: 5_000, intervalMs: 100 },
    );
    // The action waits for the facts before it (the invitation) to be recorded: it answers only
    // once the workflow's recording has resumed.
    await request(system.app)
      .post(`/campaigns/${campaignId}/applications`)
      .set('authorization', applicant.auth)
      .expect(201);
    expect(Date.now() - back).toBeLessThan(5_000);
    const invitation = await system.db.invitation.count({
      where: { campaignId, influencerId: invitee.id },
    });
    expect(invitation).toBe(1);
  }, 150_000);
});
