import { randomUUID } from 'node:crypto';
import {
  CAMPAIGN_EVENTS_TOPIC,
  campaignUpdateName,
  type CampaignActionName,
  type CampaignPublished,
} from '@campaign/contracts';
import { TEST_AUTH_SECRET, eventually, testEnvironment } from '@campaign/testing';
import { consumeCampaignEvents } from '@campaign/notifications-service';
import { createLogger, issueToken } from '@campaign/service-runtime';
import { consumeCampaignEvents as consumeCampaignEventsIntoMessenger } from '@campaign/messaging-service';
import ExcelJS from 'exceljs';
import type { Consumer } from 'kafkajs';
import request from 'supertest';
import { runCommand } from '../src/tools/run-command';
import { ensureTemporalCli } from '../src/tools/temporal-binaries';
import { startCampaignSystem, type CampaignSystem } from './system/campaign-system';
import { buildMessengerAndInbox } from './system/messenger-inbox-system';

// The walking skeleton end to end on the real engines: HTTP → Temporal workflow → read model →
// Kafka → notifications consumer → inbox over HTTP.
const env = testEnvironment();
const logger = createLogger('publish-slice-test', 'silent');

describe('publishing a campaign (real PostgreSQL, Temporal and Kafka)', () => {
  const messenger = buildMessengerAndInbox('publish-slice-test');
  const { kafka, messagingApp, notificationsApp } = messenger;
  let system: CampaignSystem;
  let campaignApp: CampaignSystem['app'];
  let campaignPrisma: CampaignSystem['db'];
  let lifecycle: CampaignSystem['lifecycle'];
  let consumers: Consumer[] = [];

  beforeAll(async () => {
    system = await startCampaignSystem('publish-slice-test');
    ({ app: campaignApp, db: campaignPrisma, lifecycle } = system);
    const consuming = [
      consumeCampaignEvents({
        kafka,
        inbox: messenger.inbox,
        newsletter: messenger.newsletter,
        logger,
      }),
      consumeCampaignEventsIntoMessenger({
        kafka,
        conversations: messenger.conversations,
        groups: messenger.groups,
        logger,
      }),
    ];
    await Promise.all(consuming.map(({ running }) => running));
    consumers = consuming.map(({ consumer }) => consumer);
  });

  afterAll(async () => {
    await system?.stop();
    await Promise.all(consumers.map((consumer) => consumer.disconnect()));
    await messenger.stop();
  });

  const tokenFor = (userId: string, brandId = `brand-of-${userId}`) =>
    issueToken({ role: 'brand', userId, brandId }, TEST_AUTH_SECRET);

  /** Asks to publish a campaign as the holder of `token`; the caller expects the answer. */
  const publish = (token: string, campaignId: string) =>
    request(campaignApp)
      .post(`/campaigns/${campaignId}/publish`)
      .set('authorization', `Bearer ${token}`);

  async function createCampaign(token: string, schedule: Record<string, number> = {}) {
    const response = await request(campaignApp)
      .post('/campaigns')
      .set('authorization', `Bearer ${token}`)
      .send({ title: 'Summer glow', brief: 'Show our SPF in your routine', schedule })
      .expect(201);
    return response.body as { id: string; status: string };
  }

  async function inboxOf(token: string) {
    const response = await request(notificationsApp)
      .get('/notifications')
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    return response.body as {
      unread: number;
      items: { kind: string; title: string; campaignId: string }[];
    };
  }

  it('is ready only with every engine reachable', async () => {
    const campaign = await request(campaignApp).get('/readyz').expect(200);
    // The API needs no Kafka: its events leave through the outbox, sent by the worker.
    expect(campaign.body.checks).toEqual({ database: 'ok', temporal: 'ok' });
    const notifications = await request(notificationsApp).get('/readyz').expect(200);
    expect(notifications.body.checks).toEqual({ database: 'ok', kafka: 'ok' });
  });

  it('stores the publish, announces it on Kafka and lands one notification in the brand user’s inbox', async () => {
    const userId = `user-${randomUUID()}`;
    const token = await tokenFor(userId);
    const draft = await createCampaign(token);
    expect(draft.status).toBe('draft');

    const published = await publish(token, draft.id).expect(202);
    expect(published.body.workflowId).toBe(`campaign-${draft.id}`);

    const inbox = await eventually(async () => {
      const current = await inboxOf(token);
      expect(current.items).toHaveLength(1);
      return current;
    });
    expect(inbox.unread).toBe(1);
    expect(inbox.items[0]).toMatchObject({
      title: '“Summer glow” is live',
      campaignId: draft.id,
    });

    const view = await request(campaignApp)
      .get(`/campaigns/${draft.id}`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(view.body.status).toBe('published');
    expect(view.body.publishedAt).not.toBeNull();

    // Nobody else hears of it.
    expect((await inboxOf(await tokenFor(`user-${randomUUID()}`))).items).toHaveLength(0);
  });

  it('refuses a second publish and starts no second workflow', async () => {
    const token = await tokenFor(`user-${randomUUID()}`);
    const draft = await createCampaign(token);
    await publish(token, draft.id).expect(202);
    // Racing the workflow's own write: the workflow id alone must refuse the second start.
    const again = await lifecycle.start({
      campaignId: draft.id,
      brandId: 'any',
      title: 'again',
      publishedBy: 'any',
      schedule: (await campaignPrisma.campaign.findUniqueOrThrow({ where: { id: draft.id } }))
        .schedule as never,
    });
    expect(again.started).toBe(false);

    await eventually(async () => {
      const refused = await publish(token, draft.id).expect(409);
      expect(refused.type).toBe('application/problem+json');
      expect(refused.body.detail).toMatch(/already published/);
    });
    await eventually(async () => expect((await inboxOf(token)).items).toHaveLength(1));
  });

  it('closes the campaign automatically when its (compressed) week is over', async () => {
    const token = await tokenFor(`user-${randomUUID()}`);
    const draft = await createCampaign(token, { closeAfterSeconds: 2 });
    await publish(token, draft.id).expect(202);
    const closed = await eventually(async () => {
      const view = await request(campaignApp)
        .get(`/campaigns/${draft.id}`)
        .set('authorization', `Bearer ${token}`)
        .expect(200);
      expect(view.body.status).toBe('closed');
      return view.body as { publishedAt: string; closedAt: string };
    });
    expect(Date.parse(closed.closedAt) - Date.parse(closed.publishedAt)).toBe(2000);
  });

  it('closes early on a signal sent by ops with the Temporal CLI, recording who and why', async () => {
    const token = await tokenFor(`user-${randomUUID()}`);
    const draft = await createCampaign(token);
    await publish(token, draft.id).expect(202);
    const cli = await ensureTemporalCli();
    await runCommand(cli, [
      'workflow',
      'signal',
      '--address',
      env.temporalAddress,
      '--workflow-id',
      `campaign-${draft.id}`,
      '--name',
      'closeEarly',
      '--input',
      JSON.stringify({ closedBy: 'ops-layla', reason: 'the brand asked to start sooner' }),
    ]);
    await eventually(async () => {
      const row = await campaignPrisma.campaign.findUniqueOrThrow({ where: { id: draft.id } });
      expect(row.status).toBe('closed');
    });
    const audit = await campaignPrisma.opsAction.findMany({ where: { campaignId: draft.id } });
    expect(audit).toEqual([
      expect.objectContaining({
        actor: 'ops-layla',
        action: 'close_early',
        reason: 'the brand asked to start sooner',
      }),
    ]);
  });

  it('notifies the right people through the lifecycle: agreements, congratulations and bummers', async () => {
    const brandUser = `user-${randomUUID()}`;
    const token = await tokenFor(brandUser);
    const draft = await createCampaign(token);
    await publish(token, draft.id).expect(202);
    const handle = system.temporal.workflow.getHandle(`campaign-${draft.id}`);
    const act = (name: CampaignActionName, args: unknown) =>
      handle.executeUpdate(campaignUpdateName(name), { args: [args] });
    const [ann, bob, cat] = ['ann', 'bob', 'cat'].map((name) => `${name}-${randomUUID()}`) as [
      string,
      string,
      string,
    ];
    const profile = { followers: 1000, niches: ['beauty'], country: 'NL' };
    for (const influencerId of [ann, bob, cat]) await act('apply', { influencerId, profile });
    await act('select', { influencerIds: [ann, bob] });
    await act('declineApplicant', { influencerIds: [cat] });
    await act('sendAgreement', { influencerIds: [ann, bob] });
    await act('sign', { influencerId: ann });
    await handle.signal('closeEarly', { closedBy: 'ops-layla', reason: 'start sooner' });
    await act('startCollaboration', { startedBy: brandUser });

    const kindsFor = async (userId: string) => {
      const inbox = await inboxOf(
        await issueToken({ role: 'influencer', userId }, TEST_AUTH_SECRET),
      );
      return (inbox.items as unknown as { kind: string }[]).map((item) => item.kind).sort();
    };
    await eventually(async () => {
      expect(await kindsFor(ann)).toEqual(['agreement_sent', 'congratulations']);
      expect(await kindsFor(bob)).toEqual(['agreement_sent', 'bummer']);
      // Declined in pre-selection: told nothing until the group is formed, then the bummer.
      expect(await kindsFor(cat)).toEqual(['bummer']);
    });
    const collaborators = await campaignPrisma.collaborator.findMany({
      where: { campaignId: draft.id },
    });
    expect(collaborators.map((row) => row.influencerId)).toEqual([ann]);
    const bobsAgreement = await campaignPrisma.agreement.findUniqueOrThrow({
      where: { campaignId_influencerId: { campaignId: draft.id, influencerId: bob } },
    });
    expect(bobsAgreement.status).toBe('lapsed');
  });

  it('runs the lifecycle over HTTP, answering each refusal with its rule', async () => {
    const brandUser = `user-${randomUUID()}`;
    const brand = await tokenFor(brandUser);
    const ops = await issueToken({ role: 'ops', userId: 'ops-layla' }, TEST_AUTH_SECRET);
    const asInfluencer = (userId: string) =>
      issueToken({ role: 'influencer', userId }, TEST_AUTH_SECRET);
    const draft = await createCampaign(brand);
    const campaignUrl = `/campaigns/${draft.id}`;
    await request(campaignApp)
      .post(`${campaignUrl}/selection`)
      .set('authorization', `Bearer ${brand}`)
      .send({ influencerIds: ['x'], status: 'selected' })
      .expect(409);
    await request(campaignApp)
      .post(`${campaignUrl}/publish`)
      .set('authorization', `Bearer ${brand}`)
      .expect(202);
    const ann = `ann-${randomUUID()}`;
    const bob = `bob-${randomUUID()}`;
    const handle = system.temporal.workflow.getHandle(`campaign-${draft.id}`);
    await handle.executeUpdate(campaignUpdateName('apply'), {
      args: [{ influencerId: ann, profile: { followers: 1000, niches: [], country: 'NL' } }],
    });
    const post = (path: string, token: string, body: object = {}) =>
      request(campaignApp)
        .post(`${campaignUrl}${path}`)
        .set('authorization', `Bearer ${token}`)
        .send(body);

    // Ops add someone who could not apply, with the reason on record.
    await post('/manual-additions', brand, { influencerId: bob, reason: 'fits' }).expect(403);
    await post('/manual-additions', ops, { influencerId: bob, reason: 'profile outdated' }).expect(
      200,
    );
    await post('/selection', brand, { influencerIds: [ann, bob], status: 'selected' }).expect(200);
    const stranger = await post('/selection', brand, {
      influencerIds: ['nobody'],
      status: 'selected',
    }).expect(422);
    expect(stranger.body.detail).toContain('Not an applicant of this campaign: nobody');
    await post('/selection', brand, { influencerIds: [], status: 'maybe' }).expect(400);

    await post('/agreements', brand, { influencerIds: [ann, bob] }).expect(200);
    const twice = await post('/agreements', brand, { influencerIds: [ann] }).expect(409);
    expect(twice.body.detail).toContain('already pending or signed');
    await post('/agreement/sign', await asInfluencer(ann)).expect(200);
    await post('/agreement/sign', await asInfluencer(`eve-${randomUUID()}`)).expect(404);

    const early = await post('/collaboration', brand).expect(409);
    expect(early.body.detail).toContain('start collaboration becomes available when it closes');
    await post('/close', brand, { reason: 'please' }).expect(403);
    await post('/close', ops, { reason: 'the brand asked' }).expect(200);
    await post('/collaboration', brand).expect(200);
    const again = await post('/collaboration', brand).expect(409);
    expect(again.body.detail).toContain('can be pressed once');

    const board = await request(campaignApp)
      .get(`${campaignUrl}/board`)
      .set('authorization', `Bearer ${brand}`)
      .expect(200);
    expect(board.body).toMatchObject({
      status: 'closed',
      applicants: { selected: [ann, bob] },
      agreements: { accepted: [ann], lapsed: [bob] },
    });
    await request(campaignApp)
      .get(`${campaignUrl}/board`)
      .set('authorization', `Bearer ${await tokenFor(`user-${randomUUID()}`)}`)
      .expect(404);
    const audit = await campaignPrisma.opsAction.findMany({
      where: { campaignId: draft.id },
      orderBy: { at: 'asc' },
    });
    expect(audit.map((row) => [row.action, row.actor, row.influencerId])).toEqual([
      ['add_manually', 'ops-layla', bob],
      ['close_early', 'ops-layla', null],
    ]);
    // Ops read the audit log; nobody else may.
    const log = await request(campaignApp)
      .get('/ops/audit')
      .query({ campaignId: draft.id })
      .set('authorization', `Bearer ${ops}`)
      .expect(200);
    expect(
      log.body.items.map((row: { action: string; reason: string }) => [row.action, row.reason]),
    ).toEqual([
      ['close_early', 'the brand asked'],
      ['add_manually', 'profile outdated'],
    ]);
    await request(campaignApp)
      .get('/ops/audit')
      .set('authorization', `Bearer ${brand}`)
      .expect(403);
  });

  it('has the effect of a request retried with the same Idempotency-Key once', async () => {
    const brandId = `brand-${randomUUID()}`;
    const token = await tokenFor(`user-${randomUUID()}`, brandId);
    const key = `create-${randomUUID()}`;
    const body = { title: 'Once only', brief: 'Retried by a flaky network' };
    const send = (payload: object) =>
      request(campaignApp)
        .post('/campaigns')
        .set('authorization', `Bearer ${token}`)
        .set('idempotency-key', key)
        .send(payload);
    const first = await send(body).expect(201);
    const retry = await send(body).expect(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.get('idempotent-replayed')).toBe('true');
    expect(await campaignPrisma.campaign.count({ where: { brandId } })).toBe(1);

    const reused = await send({ ...body, title: 'Something else' }).expect(422);
    expect(reused.body.detail).toContain('used for a different request');
    expect(await campaignPrisma.campaign.count({ where: { brandId } })).toBe(1);

    // A retried publish gets its first answer again, not a refusal of a second publish.
    const publish = () =>
      request(campaignApp)
        .post(`/campaigns/${first.body.id}/publish`)
        .set('authorization', `Bearer ${token}`)
        .set('idempotency-key', `publish-${first.body.id}`);
    await publish().expect(202);
    const replayed = await publish().expect(202);
    expect(replayed.body.workflowId).toBe(`campaign-${first.body.id}`);
  });

  it('lets influencers apply with their profile, refusing with the unmet qualification', async () => {
    const brandId = `brand-${randomUUID()}`;
    const brand = await tokenFor(`user-${randomUUID()}`, brandId);
    const created = await request(campaignApp)
      .post('/campaigns')
      .set('authorization', `Bearer ${brand}`)
      .send({
        title: 'Dutch beauty',
        brief: 'Skincare routines',
        qualifications: { minFollowers: 5000, niches: ['beauty'], countries: ['NL'] },
      })
      .expect(201);
    const campaignId = created.body.id as string;
    const [fit, small, anonymous] = ['fit', 'small', 'anon'].map((n) => `${n}-${randomUUID()}`) as [
      string,
      string,
      string,
    ];
    const address = { street: 'Keizersgracht 1', city: 'Amsterdam', country: 'NL' };
    // Figures imported (as the dev seed's): this is about the follower rule, not about how an
    // account is connected (social-accounts.int.test.ts).
    await campaignPrisma.influencerProfile.createMany({
      data: [
        {
          id: fit,
          handle: fit,
          displayName: 'Fit',
          niches: ['beauty'],
          country: 'NL',
          followers: 9000,
          engagementRate: 3.2,
          audienceSource: 'import',
          shippingAddress: address,
        },
        {
          id: small,
          handle: small,
          displayName: 'Small',
          niches: ['beauty'],
          country: 'NL',
          followers: 800,
          engagementRate: 6.1,
          audienceSource: 'import',
          shippingAddress: address,
        },
      ],
    });
    const apply = async (userId: string) =>
      request(campaignApp)
        .post(`/campaigns/${campaignId}/applications`)
        .set(
          'authorization',
          `Bearer ${await issueToken({ role: 'influencer', userId }, TEST_AUTH_SECRET)}`,
        );
    expect((await apply(fit)).status).toBe(404); // a draft is not on the marketplace
    await request(campaignApp)
      .post(`/campaigns/${campaignId}/publish`)
      .set('authorization', `Bearer ${brand}`)
      .expect(202);
    await eventually(async () => {
      const row = await campaignPrisma.campaign.findUniqueOrThrow({ where: { id: campaignId } });
      expect(row.status).toBe('published');
    });
    expect((await apply(fit)).status).toBe(201);
    expect((await apply(fit)).status).toBe(409);
    const refused = await apply(small);
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain('at least 5000 followers (you have 800)');
    expect((await apply(anonymous)).status).toBe(422);
    const board = await request(campaignApp)
      .get(`/campaigns/${campaignId}/board`)
      .set('authorization', `Bearer ${brand}`)
      .expect(200);
    expect(board.body.applicants.pending).toEqual([fit]);
  });

  it('searches the Network for Professional and Enterprise brands only, leaving out applicants', async () => {
    const starterId = `brand-${randomUUID()}`;
    const proId = `brand-${randomUUID()}`;
    await campaignPrisma.brand.createMany({
      data: [
        { id: starterId, name: 'Small Shop', plan: 'starter' },
        { id: proId, name: 'Big Label', plan: 'professional' },
      ],
    });
    const starter = await tokenFor(`user-${randomUUID()}`, starterId);
    const pro = await tokenFor(`user-${randomUUID()}`, proId);
    const campaign = await createCampaign(pro);
    const niche = `niche-${randomUUID().slice(0, 8)}`;
    const ids = Array.from({ length: 7 }, (_, i) => `net-${i}-${randomUUID()}`);
    await campaignPrisma.influencerProfile.createMany({
      data: ids.map((id, i) => ({
        id,
        handle: id,
        displayName: `Creator ${i}`,
        niches: [niche],
        country: i % 2 === 0 ? 'NL' : 'BE',
        followers: 1000 * (i + 1),
        engagementRate: 2.5,
        shippingAddress: { street: 'Secret 1' },
      })),
    });
    await campaignPrisma.application.create({
      data: {
        campaignId: campaign.id,
        influencerId: ids[6]!,
        source: 'applied',
        appliedAt: new Date(),
        updatedAt: new Date(),
      },
    });
    const search = (token: string, query: Record<string, string | number>) =>
      request(campaignApp)
        .get('/network')
        .query({ campaignId: campaign.id, ...query })
        .set('authorization', `Bearer ${token}`);

    const refused = await search(starter, { niche }).expect(403);
    expect(refused.body.detail).toContain(
      'Professional or Enterprise plan; your brand is on Starter',
    );

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Record<string, unknown>[]; nextCursor: string | null } } =
        await search(pro, { niche, limit: 2, ...(cursor ? { cursor } : {}) }).expect(200);
      for (const item of page.body.items) {
        expect(item).not.toHaveProperty('shippingAddress');
        seen.push(item.id as string);
      }
      cursor = page.body.nextCursor;
    } while (cursor);
    // Largest audience first; the applicant is not in the Network for this campaign.
    expect(seen).toEqual([ids[5], ids[4], ids[3], ids[2], ids[1], ids[0]]);

    const dutch = await search(pro, { niche, country: 'NL', minFollowers: 3000 }).expect(200);
    expect(dutch.body.items.map((item: { id: string }) => item.id)).toEqual([ids[4], ids[2]]);
    await search(pro, { niche, cursor: 'not-a-cursor' }).expect(400);
    await search(pro, { niche, country: 'nl' }).expect(400);
  });

  it('shows collaborators’ names and addresses only after the start, and exports them as .xlsx', async () => {
    const brandUser = `user-${randomUUID()}`;
    const brand = await tokenFor(brandUser);
    const ops = await issueToken({ role: 'ops', userId: 'ops-layla' }, TEST_AUTH_SECRET);
    const draft = await createCampaign(brand);
    await publish(brand, draft.id).expect(202);
    const [ann, bob] = ['ann', 'bob'].map((n) => `${n}-${randomUUID()}`) as [string, string];
    const address = (street: string) => ({
      street,
      postcode: '1015 AA',
      city: 'Amsterdam',
      country: 'NL',
    });
    await campaignPrisma.influencerProfile.createMany({
      data: [
        {
          id: ann,
          handle: `@${ann}`,
          displayName: 'Ann Visser',
          niches: ['beauty'],
          country: 'NL',
          followers: 9000,
          engagementRate: 3,
          shippingAddress: address('Prinsengracht 1'),
        },
        {
          id: bob,
          handle: `@${bob}`,
          displayName: 'Bob Jansen',
          niches: ['beauty'],
          country: 'NL',
          followers: 9000,
          engagementRate: 3,
          shippingAddress: address('Herengracht 2'),
        },
      ],
    });
    const handle = system.temporal.workflow.getHandle(`campaign-${draft.id}`);
    const act = (name: CampaignActionName, args: unknown) =>
      handle.executeUpdate(campaignUpdateName(name), { args: [args] });
    const profile = { followers: 9000, niches: ['beauty'], country: 'NL' };
    for (const influencerId of [ann, bob]) await act('apply', { influencerId, profile });
    await act('select', { influencerIds: [ann, bob] });
    await act('sendAgreement', { influencerIds: [ann, bob] });
    await act('sign', { influencerId: ann });
    const collaborations = (token: string, suffix = '') =>
      request(campaignApp)
        .get(`/campaigns/${draft.id}/collaborations${suffix}`)
        .set('authorization', `Bearer ${token}`);

    const early = await collaborations(brand).expect(409);
    expect(early.body.detail).toContain('The collaboration has not started');
    await collaborations(brand, '/addresses.xlsx').expect(409);

    await act('closeEarly', { closedBy: 'ops-layla', reason: 'start sooner' });
    await act('startCollaboration', { startedBy: brandUser });

    const list = await collaborations(brand).expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        influencerId: ann,
        name: 'Ann Visser',
        shippingAddress: address('Prinsengracht 1'),
      }),
    ]);
    await collaborations(ops).expect(200);
    await collaborations(await tokenFor(`user-${randomUUID()}`)).expect(404);
    await collaborations(
      await issueToken({ role: 'influencer', userId: ann }, TEST_AUTH_SECRET),
    ).expect(403);

    // Collaborators upload results; the brand sees them per influencer and in total.
    const annToken = await issueToken({ role: 'influencer', userId: ann }, TEST_AUTH_SECRET);
    const post = (token: string, body: object) =>
      request(campaignApp)
        .post(`/campaigns/${draft.id}/results`)
        .set('authorization', `Bearer ${token}`)
        .send(body);
    const result = {
      postUrl: 'https://instagram.example/p/1',
      reach: 1000,
      impressions: 1500,
      likes: 120,
      comments: 8,
      clicks: 30,
    };
    await post(annToken, result).expect(201);
    await post(annToken, {
      ...result,
      postUrl: 'https://instagram.example/p/2',
      reach: 500,
    }).expect(201);
    await post(annToken, { ...result, reach: -1 }).expect(400);
    await post(
      await issueToken({ role: 'influencer', userId: bob }, TEST_AUTH_SECRET),
      result,
    ).expect(404);
    const results = await request(campaignApp)
      .get(`/campaigns/${draft.id}/results`)
      .set('authorization', `Bearer ${brand}`)
      .expect(200);
    expect(results.body.total).toEqual({
      reach: 1500,
      impressions: 3000,
      likes: 240,
      comments: 16,
      clicks: 60,
      posts: 2,
      postsBySource: { manual: 2, insights: 0 },
    });
    expect(
      results.body.perInfluencer[0].posts.map((row: { source: string }) => row.source),
    ).toEqual(['manual', 'manual']);
    expect(
      results.body.perInfluencer.map((row: { influencerId: string; totals: { posts: number } }) => [
        row.influencerId,
        row.totals.posts,
      ]),
    ).toEqual([[ann, 2]]);

    const file = await collaborations(brand, '/addresses.xlsx')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as Parameters<typeof workbook.xlsx.load>[0]);
    const rows = workbook.getWorksheet('Shipping addresses')!.getSheetValues().filter(Boolean);
    expect(rows.map((row) => (row as unknown[]).slice(1))).toEqual([
      ['Name', 'Handle', 'Street', 'Postcode', 'City', 'Country'],
      ['Ann Visser', `@${ann}`, 'Prinsengracht 1', '1015 AA', 'Amsterdam', 'NL'],
    ]);
  });

  it('invites an influencer from the Network with the edited template; the Messenger delivers it', async () => {
    const proId = `brand-${randomUUID()}`;
    const starterId = `brand-${randomUUID()}`;
    await campaignPrisma.brand.createMany({
      data: [
        { id: proId, name: 'Sunny Skincare', plan: 'enterprise' },
        { id: starterId, name: 'Corner Bakery', plan: 'starter' },
      ],
    });
    const brandUser = `user-${randomUUID()}`;
    const brand = await tokenFor(brandUser, proId);
    const draft = await createCampaign(brand);
    await publish(brand, draft.id).expect(202);
    await eventually(async () => {
      const row = await campaignPrisma.campaign.findUniqueOrThrow({ where: { id: draft.id } });
      expect(row.status).toBe('published');
    });
    const influencerId = `zoe-${randomUUID()}`;
    await campaignPrisma.influencerProfile.create({
      data: {
        id: influencerId,
        handle: `@${influencerId}`,
        displayName: 'Zoe',
        niches: ['beauty'],
        country: 'NL',
        followers: 100,
        engagementRate: 4,
        shippingAddress: { street: 's', city: 'c', country: 'NL' },
      },
    });
    const template = await request(campaignApp)
      .get(`/campaigns/${draft.id}/invitations/template`)
      .set('authorization', `Bearer ${brand}`)
      .expect(200);
    expect(template.body.template).toContain('{influencer}');

    const invite = (token: string) =>
      request(campaignApp)
        .post(`/campaigns/${draft.id}/invitations`)
        .set('authorization', `Bearer ${token}`)
        .send({
          influencerId,
          template: 'Dear {influencer}, {brand} thinks "{campaign}" is for you!',
        });
    const refused = await invite(await tokenFor(`user-${randomUUID()}`, starterId)).expect(403);
    expect(refused.body.detail).toContain('your brand is on Starter');
    const sent = await invite(brand).expect(201);
    const text = 'Dear Zoe, Sunny Skincare thinks "Summer glow" is for you!';
    expect(sent.body.message).toBe(text);
    await invite(brand).expect(201); // inviting again changes nothing

    const zoe = await issueToken({ role: 'influencer', userId: influencerId }, TEST_AUTH_SECRET);
    const conversation = await eventually(async () => {
      const list = await request(messagingApp)
        .get('/conversations')
        .set('authorization', `Bearer ${zoe}`)
        .expect(200);
      expect(list.body.items).toHaveLength(1);
      return list.body.items[0] as { id: string; campaignId: string };
    });
    expect(conversation.campaignId).toBe(draft.id);
    const messages = await request(messagingApp)
      .get(`/conversations/${conversation.id}/messages`)
      .set('authorization', `Bearer ${zoe}`)
      .expect(200);
    expect(messages.body.items).toEqual([
      expect.objectContaining({ senderId: brandUser, body: text }),
    ]);
    await request(messagingApp)
      .get(`/conversations/${conversation.id}/messages`)
      .set(
        'authorization',
        `Bearer ${await issueToken({ role: 'influencer', userId: 'someone-else' }, TEST_AUTH_SECRET)}`,
      )
      .expect(404);
    const board = await request(campaignApp)
      .get(`/campaigns/${draft.id}/board`)
      .set('authorization', `Bearer ${brand}`)
      .expect(200);
    expect(board.body.invited).toEqual([influencerId]);
    // Her inbox points to the Messenger, once, though she was invited twice.
    const inbox = await eventually(async () => {
      const current = await inboxOf(zoe);
      expect(current.items).toHaveLength(1);
      return current;
    });
    expect(inbox.items[0]).toMatchObject({
      kind: 'invitation',
      title: 'You are invited to “Summer glow”',
      campaignId: draft.id,
    });
  });

  it('edits drafts only, and lists open campaigns on the marketplace for influencers', async () => {
    const brand = await tokenFor(`user-${randomUUID()}`);
    const niche = `mk-${randomUUID().slice(0, 8)}`;
    const make = async (title: string, countries: string[]) => {
      const created = await request(campaignApp)
        .post('/campaigns')
        .set('authorization', `Bearer ${brand}`)
        .send({ title, brief: 'b', qualifications: { niches: [niche], countries } })
        .expect(201);
      return created.body.id as string;
    };
    const dutch = await make('Dutch one', ['NL']);
    const german = await make('German one', ['DE']);
    const draft = await make('Still a draft', ['NL']);
    const edited = await request(campaignApp)
      .patch(`/campaigns/${dutch}`)
      .set('authorization', `Bearer ${brand}`)
      .send({ title: 'Dutch summer' })
      .expect(200);
    expect(edited.body.title).toBe('Dutch summer');
    await request(campaignApp)
      .patch(`/campaigns/${dutch}`)
      .set('authorization', `Bearer ${await tokenFor(`user-${randomUUID()}`)}`)
      .send({ title: 'Hijacked' })
      .expect(404);
    for (const id of [dutch, german]) {
      await request(campaignApp)
        .post(`/campaigns/${id}/publish`)
        .set('authorization', `Bearer ${brand}`)
        .expect(202);
    }
    await eventually(async () => {
      const rows = await campaignPrisma.campaign.findMany({
        where: { id: { in: [dutch, german] } },
      });
      expect(rows.map((row) => row.status)).toEqual(['published', 'published']);
    });
    const late = await request(campaignApp)
      .patch(`/campaigns/${dutch}`)
      .set('authorization', `Bearer ${brand}`)
      .send({ title: 'Too late' })
      .expect(409);
    expect(late.body.detail).toContain('can no longer be edited');

    const influencer = await issueToken(
      { role: 'influencer', userId: 'browser' },
      TEST_AUTH_SECRET,
    );
    const browse = (query: Record<string, string | number>) =>
      request(campaignApp)
        .get('/marketplace')
        .query(query)
        .set('authorization', `Bearer ${influencer}`);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await browse({
        niche,
        limit: 1,
        ...(cursor ? { cursor } : {}),
      }).expect(200);
      seen.push(...page.body.items.map((item) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor && seen.length < 50);
    expect(seen.filter((id) => [dutch, german, draft].includes(id)).sort()).toEqual(
      [dutch, german].sort(),
    );
    // Campaigns open to every niche and country (other tests') are listed too; ours filter right.
    const nl = await browse({ niche, country: 'NL', limit: 100 }).expect(200);
    const ours = [dutch, german, draft];
    expect(
      nl.body.items
        .map((item: { id: string }) => item.id)
        .filter((id: string) => ours.includes(id)),
    ).toEqual([dutch]);
  });

  it('hides a campaign from another brand and refuses publishing by a non-brand', async () => {
    const owner = await tokenFor(`user-${randomUUID()}`);
    const draft = await createCampaign(owner);
    const stranger = await tokenFor(`user-${randomUUID()}`);
    await request(campaignApp)
      .get(`/campaigns/${draft.id}`)
      .set('authorization', `Bearer ${stranger}`)
      .expect(404);
    await publish(stranger, draft.id).expect(404);
    const influencer = await issueToken(
      { role: 'influencer', userId: 'influencer-1' },
      TEST_AUTH_SECRET,
    );
    await publish(influencer, draft.id).expect(403);
    const row = await campaignPrisma.campaign.findUniqueOrThrow({ where: { id: draft.id } });
    expect(row.status).toBe('draft');
  });

  it('refuses a bad body with 400 problem+json naming the fields, storing nothing', async () => {
    const brandId = `brand-${randomUUID()}`;
    const token = await tokenFor('user-bad-body', brandId);
    const response = await request(campaignApp)
      .post('/campaigns')
      .set('authorization', `Bearer ${token}`)
      .send({ title: 'x', schedule: { closeAfterSeconds: 0 } })
      .expect(400);
    expect(response.type).toBe('application/problem+json');
    expect(response.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      'body.brief',
      'body.schedule.closeAfterSeconds',
      'body.title',
    ]);
    expect(await campaignPrisma.campaign.count({ where: { brandId } })).toBe(0);
  });

  it('delivers a redelivered event once', async () => {
    const recipient = `user-${randomUUID()}`;
    const campaignId = randomUUID();
    const event: CampaignPublished = {
      id: randomUUID(),
      type: 'CampaignPublished',
      version: 1,
      occurredAt: new Date().toISOString(),
      subject: campaignId,
      payload: {
        campaignId,
        brandId: 'brand-x',
        title: 'Twice sent',
        publishedBy: recipient,
        publishedAt: new Date().toISOString(),
        closesAt: new Date(Date.now() + 1000).toISOString(),
      },
    };
    await system.events.publish(CAMPAIGN_EVENTS_TOPIC, [event]);
    await system.events.publish(CAMPAIGN_EVENTS_TOPIC, [event]);
    // A later event on the same partition proves both copies were consumed before we count.
    const marker = { ...event, id: randomUUID(), payload: { ...event.payload, title: 'Marker' } };
    await system.events.publish(CAMPAIGN_EVENTS_TOPIC, [marker]);

    // The recipient is user `recipient` of brand-x: the same user id in another brand reads none.
    const token = await tokenFor(recipient, 'brand-x');
    const inbox = await eventually(async () => {
      const current = await inboxOf(token);
      expect(current.items.map((item) => item.title)).toContain('“Marker” is live');
      return current;
    });
    expect(inbox.items.map((item) => item.title).sort()).toEqual([
      '“Marker” is live',
      '“Twice sent” is live',
    ]);
    expect((await inboxOf(await tokenFor(recipient, 'brand-y'))).items).toEqual([]);
  });
});
