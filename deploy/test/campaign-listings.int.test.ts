import { randomUUID } from 'node:crypto';
import { eventually } from '@campaign/testing';
import request from 'supertest';
import {
  bearer,
  createBrand,
  createCampaign,
  createInfluencer,
  startCampaignSystem,
  type CampaignSystem,
} from './system/campaign-system';

// What the frontends list: a brand its own campaigns, ops every campaign, an influencer their own
// applications and agreements (never the brand's pre-selection, never another's).
describe('campaign listings (real engines)', () => {
  let system: CampaignSystem;
  const ops = bearer({ role: 'ops', userId: 'ops-layla' });

  beforeAll(async () => {
    system = await startCampaignSystem('listings-test');
  }, 60_000);

  afterAll(async () => {
    await system?.stop();
  });

  const get = async (path: string, auth: string) => {
    const response = await request(system.app).get(path).set('authorization', auth);
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    return response.body;
  };

  it("lists a brand's own campaigns newest first, page by page; ops see every brand's", async () => {
    const brand = await createBrand(system, 'professional');
    const other = await createBrand(system, 'starter');
    const draft = await createCampaign(system, brand.auth, { draft: true });
    const published = await createCampaign(system, brand.auth);
    const newest = await createCampaign(system, brand.auth, { draft: true });
    const theirs = await createCampaign(system, other.auth, { draft: true });

    const first = await get('/campaigns?limit=2', brand.auth);
    expect(first.items.map((c: { id: string }) => c.id)).toEqual([newest, published]);
    const second = await get(`/campaigns?limit=2&cursor=${first.nextCursor}`, brand.auth);
    expect(second).toEqual({ items: [expect.objectContaining({ id: draft })], nextCursor: null });

    const drafts = await get('/campaigns?status=draft', brand.auth);
    expect(drafts.items.map((c: { id: string }) => c.id)).toEqual([newest, draft]);
    expect((await get('/campaigns', other.auth)).items.map((c: { id: string }) => c.id)).toEqual([
      theirs,
    ]);

    const forOps = await get(`/campaigns?brandId=${brand.id}&status=published`, await ops);
    expect(forOps.items.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
      [published, 'published'],
    ]);
    const everyBrand = await get('/campaigns?limit=100', await ops);
    expect(everyBrand.items.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining([theirs, newest]),
    );

    const forged = await request(system.app)
      .get('/campaigns?cursor=not-one-of-ours')
      .set('authorization', brand.auth);
    expect(forged.status).toBe(400);
    expect(forged.body.detail).toBe('The cursor is not one this API returned.');
  });

  it('lets an influencer keep their own profile, which qualifications and the Network read', async () => {
    const userId = `signed-up-${randomUUID()}`;
    const auth = await bearer({ role: 'influencer', userId });
    const handle = `@glow_${randomUUID().slice(0, 8)}`;
    const edit = {
      handle,
      displayName: 'Glow Getter',
      niches: ['beauty', 'travel'],
      country: 'BE',
      shippingAddress: { street: 'Meir 1', postcode: '2000', city: 'Antwerp', country: 'BE' },
    };
    const missing = await request(system.app).get('/me/profile').set('authorization', auth);
    expect(missing.status).toBe(404);

    const put = (body: object) =>
      request(system.app).put('/me/profile').set('authorization', auth).send(body);
    const created = await put(edit).expect(200);
    // Audience figures come from the social account, so a new profile starts at zero.
    expect(created.body).toEqual({
      id: userId,
      ...edit,
      followers: 0,
      engagementRate: 0,
      createdAt: expect.any(String),
    });
    await put({ ...edit, displayName: 'Glow', niches: ['food'] }).expect(200);
    expect(await get('/me/profile', auth)).toMatchObject({
      displayName: 'Glow',
      niches: ['food'],
      shippingAddress: edit.shippingAddress,
    });

    // A brand's campaign asking for Belgian food creators now takes the application.
    const brand = await createBrand(system, 'professional');
    const campaignId = await createCampaign(system, brand.auth, {
      qualifications: { niches: ['food'], countries: ['BE'] },
    });
    await request(system.app)
      .post(`/campaigns/${campaignId}/applications`)
      .set('authorization', auth)
      .expect(201);
  });

  it("shows an influencer their own applications and agreements, not the brand's pre-selection", async () => {
    const brand = await createBrand(system, 'professional');
    const sam = await createInfluencer(system);
    const kim = await createInfluencer(system);
    const campaignId = await createCampaign(system, brand.auth);
    const act = async (path: string, auth: string, body: object = {}) => {
      const response = await request(system.app)
        .post(`/campaigns/${campaignId}/${path}`)
        .set('authorization', auth)
        .send(body);
      expect({ path, status: response.status }).toEqual({
        path,
        status: path === 'applications' ? 201 : 200,
      });
    };
    await act('applications', sam.auth);
    await act('applications', kim.auth);
    await act('selection', brand.auth, { influencerIds: [sam.id], status: 'selected' });
    await act('selection', brand.auth, { influencerIds: [kim.id], status: 'declined' });

    // Selected and declined read the same to the influencers: nobody is told of a pre-selection.
    for (const influencer of [sam, kim]) {
      const mine = await get('/me/applications', influencer.auth);
      expect(mine.items).toEqual([
        expect.objectContaining({
          campaignId,
          title: 'Summer glow',
          campaignStatus: 'published',
          source: 'applied',
          outcome: 'awaiting_collaboration',
        }),
      ]);
    }
    expect((await get('/me/agreements', sam.auth)).items).toEqual([]);

    await act('agreements', brand.auth, { influencerIds: [sam.id] });
    const agreements = await eventually(async () => {
      const body = await get('/me/agreements', sam.auth);
      expect(body.items).toHaveLength(1);
      return body.items;
    });
    expect(agreements[0]).toMatchObject({ campaignId, status: 'pending', decidedAt: null });
    // Three days to sign, by the campaign's default schedule.
    expect(Date.parse(agreements[0].deadline) - Date.parse(agreements[0].sentAt)).toBe(
      3 * 24 * 60 * 60 * 1000,
    );
    expect((await get('/me/agreements', kim.auth)).items).toEqual([]);

    await act('agreement/sign', sam.auth);
    await act('close', await ops, { reason: 'the brand asked to start sooner' });
    await act('collaboration', brand.auth);
    await eventually(async () => {
      const outcomes = await Promise.all(
        [sam, kim].map(async (influencer) => {
          const { items } = await get('/me/applications', influencer.auth);
          return [items[0].campaignStatus, items[0].outcome];
        }),
      );
      expect(outcomes).toEqual([
        ['closed', 'in_collaboration'],
        ['closed', 'not_in_collaboration'],
      ]);
    });
    expect((await get('/me/agreements', sam.auth)).items[0]).toMatchObject({
      status: 'accepted',
      decidedAt: expect.any(String),
    });

    // Someone who never applied has nothing listed, whatever others did.
    const stranger = await bearer({ role: 'influencer', userId: `nobody-${randomUUID()}` });
    expect(await get('/me/applications', stranger)).toEqual({ items: [] });
    expect(await get('/me/agreements', stranger)).toEqual({ items: [] });
  });
});
