import { randomUUID } from 'node:crypto';
import { ensureInsightsRefreshSchedule } from '@campaign/campaign-service/worker';
import { influencerKey } from '@campaign/service-runtime';
import { eventually, localGraphControl, testEnvironment } from '@campaign/testing';
import request from 'supertest';
import { campaignDatabaseOfOwn } from './system/database-of-own';
import {
  bearer,
  createBrand,
  createCampaign,
  createInfluencer,
  startCampaignSystem,
  type CampaignSystem,
} from './system/campaign-system';

// A collaborator's results come from their post's insights on their connected Instagram account
// (the local Graph API, through the Instagram adapter): the link resolves to the post, its reach,
// impressions, likes and comments are stored marked `insights`, and a Schedule reads them again
// every few hours while the collaboration runs. Typed-in results stay possible, marked `manual`;
// the brand sees both, with their sources, per collaborator and in total.

const control = localGraphControl(testEnvironment().graphApiUrl);

describe('results from a post’s insights: imported and refreshed (local Graph API)', () => {
  let database: Awaited<ReturnType<typeof campaignDatabaseOfOwn>>;
  let system: CampaignSystem;
  let brand: Awaited<ReturnType<typeof createBrand>>;
  let campaignId: string;
  const taskQueue = `results-insights-test-${randomUUID()}`;
  const scheduleId = `results-insights-refresh-test-${randomUUID()}`;
  const ops = bearer({ role: 'ops', userId: 'ops-omar' });

  /** Collaborators of the started campaign: with an Instagram account each, connected or not. */
  type Collaborator = { id: string; auth: string; username: string };
  let jane: Collaborator; // connected; her posts are imported
  let kim: Collaborator; // connected; her access is revoked before the refresh
  let lou: Collaborator; // never connected
  let max: Collaborator; // connected; her token expires before she imports
  /** Jane's post imported (reach 1,200), and Kim's only post. */
  let janePost: { mediaId: string; permalink: string };
  let kimPost: { mediaId: string; permalink: string };

  async function collaboratorWithAccount(
    posts: { reach: number; views: number; likes: number; comments: number }[],
  ) {
    const username = `ig_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    const account = await control.createAccount({ username, followers: 20_000, posts });
    const influencer = await createInfluencer(system, { handle: `@${username}` });
    return { ...influencer, username, posts: account.posts };
  }

  /** The OAuth round trip as a browser makes it: authorize URL, consent, callback. */
  async function connect(influencer: Collaborator) {
    const started = await request(system.app)
      .post('/me/social-account/connection')
      .set('authorization', influencer.auth)
      .expect(200);
    const back = await control.allow(started.body.authorizeUrl, influencer.username);
    await request(system.app)
      .post('/me/social-account/connection/callback')
      .set('authorization', influencer.auth)
      .send(back)
      .expect(200);
  }

  beforeAll(async () => {
    // A database and task queue of this file's own: the refresh sees these results only.
    database = await campaignDatabaseOfOwn('results_insights');
    system = await startCampaignSystem('results-insights-test', {
      databaseUrl: database.url,
      taskQueue,
    });
    brand = await createBrand(system, 'professional');

    const janeAccount = await collaboratorWithAccount([
      { reach: 1_200, views: 3_400, likes: 150, comments: 12 },
      { reach: 800, views: 1_000, likes: 90, comments: 4 },
    ]);
    const kimAccount = await collaboratorWithAccount([
      { reach: 500, views: 700, likes: 40, comments: 3 },
    ]);
    const louAccount = await collaboratorWithAccount([
      { reach: 10, views: 10, likes: 1, comments: 0 },
    ]);
    const maxAccount = await collaboratorWithAccount([
      { reach: 10, views: 10, likes: 1, comments: 0 },
    ]);
    jane = janeAccount;
    kim = kimAccount;
    lou = louAccount;
    max = maxAccount;
    janePost = janeAccount.posts.find((post) => post.reach === 1_200)!;
    kimPost = kimAccount.posts[0]!;
    for (const influencer of [jane, kim, max]) await connect(influencer);

    // The collaboration: added by ops, selected, signed, closed and started by the brand.
    campaignId = await createCampaign(system, brand.auth);
    const act = async (caller: string, path: string, body: object = {}) =>
      request(system.app)
        .post(`/campaigns/${campaignId}/${path}`)
        .set('authorization', caller)
        .send(body)
        .expect((response) => expect(response.status).toBeLessThan(300));
    const group = [jane, kim, lou, max];
    for (const member of group) {
      await act(await ops, 'manual-additions', { influencerId: member.id, reason: 'fixture' });
    }
    const ids = group.map((member) => member.id);
    await act(brand.auth, 'selection', { influencerIds: ids, status: 'selected' });
    await act(brand.auth, 'agreements', { influencerIds: ids });
    for (const member of group) await act(member.auth, 'agreement/sign');
    await act(await ops, 'close', { reason: 'fixture' });
    await act(brand.auth, 'collaboration');
    await eventually(async () => {
      const row = await system.db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
      expect(row.collaborationStartedAt).not.toBeNull();
      expect(await system.db.collaborator.count({ where: { campaignId } })).toBe(4);
    });
  }, 120_000);

  afterAll(async () => {
    await system?.temporal.schedule
      .getHandle(scheduleId)
      .delete()
      .catch(() => undefined);
    await system?.stop();
    await database?.drop();
  });

  const importPost = (influencer: Collaborator, postUrl: string) =>
    request(system.app)
      .post(`/campaigns/${campaignId}/results/import`)
      .set('authorization', influencer.auth)
      .set('idempotency-key', randomUUID())
      .send({ postUrl });

  const resultsOf = (influencerId: string) =>
    system.db.result.findMany({
      where: { campaignId, influencerId },
      orderBy: { createdAt: 'asc' },
    });

  it('imports a post of the collaborator’s account: its figures are the post’s insights, marked `insights`', async () => {
    const post = janePost;
    const imported = await importPost(jane, post.permalink);
    expect(imported.status).toBe(200);
    expect(imported.body).toEqual({
      id: expect.any(String),
      postUrl: post.permalink,
      reach: 1_200,
      impressions: 3_400,
      likes: 150,
      comments: 12,
      clicks: 0,
      screenshotUrls: [],
      createdAt: expect.any(String),
      source: 'insights',
      mediaId: post.mediaId,
      refreshedAt: expect.any(String),
    });
    const [stored] = await resultsOf(jane.id);
    expect(stored).toMatchObject({
      source: 'insights',
      mediaId: post.mediaId,
      reach: 1_200,
      impressions: 3_400,
    });

    // The same post again, its link as shared from the app: the same result, never a second one.
    const again = await importPost(jane, `${post.permalink}?igsh=c2hhcmVk`);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(imported.body.id);
    expect(await resultsOf(jane.id)).toHaveLength(1);
  });

  it('keeps a typed-in result possible, marked `manual`', async () => {
    const typed = await request(system.app)
      .post(`/campaigns/${campaignId}/results`)
      .set('authorization', jane.auth)
      .send({
        postUrl: 'https://www.tiktok.com/@jane/video/1',
        reach: 100,
        impressions: 200,
        likes: 30,
        comments: 2,
        clicks: 7,
      })
      .expect(201);
    expect(typed.body).toMatchObject({ source: 'manual', mediaId: null, refreshedAt: null });
  });

  it('refuses a link that is not a post of the collaborator’s account, storing nothing', async () => {
    const refused = await importPost(jane, kimPost.permalink);
    expect(refused.status).toBe(422);
    expect(refused.type).toBe('application/problem+json');
    expect(refused.body.detail).toBe(
      `The link is not a post of your Instagram account @${jane.username}.`,
    );
    expect(await resultsOf(jane.id)).toHaveLength(2);
  });

  it('refuses a collaborator without a connected account, with the reason', async () => {
    const refused = await importPost(lou, 'https://www.instagram.com/p/ANYTHING/');
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toBe('Connect your Instagram account to import a post’s insights.');
    expect(await resultsOf(lou.id)).toEqual([]);
  });

  it('answers 503 with Retry-After when Instagram rate-limits, storing nothing', async () => {
    await control.armFault({
      fault: 'rate_limited',
      username: kim.username,
      path: '/insights',
      retryAfterSeconds: 30,
    });
    const limited = await importPost(kim, kimPost.permalink);
    expect(limited.status).toBe(503);
    expect(limited.type).toBe('application/problem+json');
    expect(limited.headers['retry-after']).toEqual(expect.any(String));
    expect(await resultsOf(kim.id)).toEqual([]);

    // Tried again later it is imported.
    expect((await importPost(kim, kimPost.permalink)).status).toBe(200);
  });

  it('marks an expired account and refuses, asking to connect again', async () => {
    await control.invalidateTokens(max.username, 'expired');
    const refused = await importPost(max, 'https://www.instagram.com/p/ANYTHING/');
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toMatch(
      /Connect your Instagram account again \(its access expired\)/,
    );
    const account = await request(system.app)
      .get('/me/social-account')
      .set('authorization', max.auth)
      .expect(200);
    expect(account.body.status).toBe('expired');
    expect(await resultsOf(max.id)).toEqual([]);
  });

  it('refreshes imported results through the Schedule: the figures follow the post, a lost token is marked and the run goes on', async () => {
    const [janeImported] = await resultsOf(jane.id);
    await control.changePost(janePost.mediaId, {
      reach: 2_500,
      views: 6_100,
      likes: 310,
      comments: 27,
    });
    await control.invalidateTokens(kim.username, 'revoked');
    // A rate limit on the way is waited out by the activity's retry, after the network's wait.
    await control.armFault({
      fault: 'rate_limited',
      username: jane.username,
      path: '/insights',
      retryAfterSeconds: 1,
    });

    // Created when the worker starts; again (a restart, another worker) it changes nothing.
    await ensureInsightsRefreshSchedule(system.temporal, { everyHours: 4, taskQueue, scheduleId });
    await ensureInsightsRefreshSchedule(system.temporal, { everyHours: 4, taskQueue, scheduleId });
    const schedule = system.temporal.schedule.getHandle(scheduleId);
    const described = await schedule.describe();
    expect(described.spec.intervals?.[0]?.every).toBe(4 * 3600 * 1000);
    // Run it now, as its interval would.
    await schedule.trigger();

    await eventually(
      async () => {
        const refreshed = await system.db.result.findUniqueOrThrow({
          where: { id: janeImported!.id },
        });
        expect(refreshed).toMatchObject({
          source: 'insights',
          reach: 2_500,
          impressions: 6_100,
          likes: 310,
          comments: 27,
        });
        expect(refreshed.refreshedAt!.getTime()).toBeGreaterThan(
          janeImported!.refreshedAt!.getTime(),
        );
        const kimAccount = await system.db.socialAccount.findUniqueOrThrow({
          where: { principal: influencerKey(kim.id) },
        });
        expect(kimAccount.status).toBe('revoked');
      },
      { timeoutMs: 60_000 },
    );
    // Kim's result keeps its last figures; the typed-in result is never touched.
    expect(await resultsOf(kim.id)).toEqual([
      expect.objectContaining({ source: 'insights', reach: 500, impressions: 700 }),
    ]);
    expect(await resultsOf(jane.id)).toEqual([
      expect.objectContaining({ source: 'insights' }),
      expect.objectContaining({ source: 'manual', reach: 100, likes: 30 }),
    ]);
  }, 90_000);

  it('shows the brand both kinds of results with their sources, per collaborator and in total', async () => {
    const results = await request(system.app)
      .get(`/campaigns/${campaignId}/results`)
      .set('authorization', brand.auth)
      .expect(200);
    const janeRow = results.body.perInfluencer.find(
      (row: { influencerId: string }) => row.influencerId === jane.id,
    );
    expect(janeRow.posts.map((post: { source: string }) => post.source)).toEqual([
      'insights',
      'manual',
    ]);
    expect(janeRow.totals).toEqual({
      reach: 2_600,
      impressions: 6_300,
      likes: 340,
      comments: 29,
      clicks: 7,
      posts: 2,
      postsBySource: { manual: 1, insights: 1 },
    });
    expect(results.body.total).toEqual({
      reach: 3_100,
      impressions: 7_000,
      likes: 380,
      comments: 32,
      clicks: 7,
      posts: 3,
      postsBySource: { manual: 1, insights: 2 },
    });
  });
});
