import { randomUUID } from 'node:crypto';
import { influencerKey } from '@campaign/service-runtime';
import request from 'supertest';
import { createBrand, createInfluencer } from '../system/campaign-system';
import {
  screenshot,
  seriousAccessibilityViolations,
  startWebSystem,
  unique,
  type WebSystem,
} from './web-system';

/**
 * The web app in Debian's chromium, on the real services behind the same web server the stack
 * runs: what an influencer and a brand do, an axe check on every page, and the README's
 * screenshots (docs/screenshots).
 */
describe('the web app in a browser', () => {
  let web: WebSystem;
  beforeAll(async () => {
    web = await startWebSystem('web-app');
  }, 180_000);
  afterAll(() => web?.stop());

  /** A published campaign of `brand`, only for influencers of `niche` (so no other test's shows). */
  async function publishedCampaign(
    brandAuth: string,
    title: string,
    qualifications: { niches: string[]; countries?: string[] },
  ) {
    const { body } = await request(web.campaign.app)
      .post('/campaigns')
      .set('authorization', brandAuth)
      .send({ title, brief: `${title}: show it in your morning routine`, qualifications })
      .expect(201);
    await request(web.campaign.app)
      .post(`/campaigns/${body.id}/publish`)
      .set('authorization', brandAuth)
      .expect(202);
    return body.id as string;
  }

  test('an influencer filters the marketplace, applies, and meets a refusal with its rule', async () => {
    const niche = unique('glow');
    const brand = await createBrand(web.campaign, 'starter');
    const open = await publishedCampaign(brand.auth, 'Sunrise routine', { niches: [niche] });
    await publishedCampaign(brand.auth, 'Berlin mornings', { niches: [niche], countries: ['DE'] });
    const influencer = await createInfluencer(web.campaign, { niches: [niche], country: 'NL' });
    const page = await web.personAs({ role: 'influencer', userId: influencer.id });

    await page.goto(`${web.url}/`);
    await page.getByRole('heading', { name: 'Marketplace' }).waitFor();
    await page.getByLabel('Niche').fill(niche);
    await page.getByRole('button', { name: 'Filter' }).click();
    const campaigns = page.getByRole('list', { name: 'Campaigns' }).getByRole('listitem');
    await expectEventually(async () =>
      // Both of this niche's campaigns; other test files' campaigns open to every niche may be
      // listed beside them (the run shares one database).
      expect(await campaigns.allInnerTexts()).toEqual(
        expect.arrayContaining([
          expect.stringContaining('Berlin mornings'),
          expect.stringContaining('Sunrise routine'),
        ]),
      ),
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'influencer-marketplace');

    await page.getByRole('link', { name: 'Sunrise routine' }).click();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('status').filter({ hasText: 'Applied' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await expectEventually(async () => {
      const { body } = await request(web.campaign.app)
        .get(`/campaigns/${open}/board`)
        .set('authorization', brand.auth)
        .expect(200);
      expect(body.applicants.pending).toEqual([influencer.id]);
    });

    await page.goBack();
    await page.getByRole('link', { name: 'Berlin mornings' }).click();
    await page.getByRole('button', { name: 'Apply' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'an audience country among DE' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('(yours is NL)');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'influencer-refused');
  });

  test('a brand creates and publishes a campaign, sees applicants arrive live and moves them', async () => {
    const niche = unique('run');
    const brand = await createBrand(web.campaign, 'starter');
    const page = await web.personAs({
      role: 'brand',
      userId: `user-of-${brand.id}`,
      brandId: brand.id,
    });
    await page.goto(`${web.url}/brand/campaigns`);
    await page.getByText('No campaign yet').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'New campaign' }).first().click();
    await page.getByLabel('Title').fill('Trail week');
    await page.getByLabel('Brief').fill('Take our shoes on your favourite trail');
    await page.getByLabel('Niches').fill(niche);
    await page.getByLabel(/Compressed week/).check();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'brand-new-campaign');
    await page.getByRole('button', { name: 'Save draft' }).click();

    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('heading', { name: 'Applicants' }).waitFor();
    const campaignId = page.url().split('/').pop() ?? '';
    const stored = await web.campaign.db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    // The compressed week: each day of the campaign is a minute.
    expect(stored.schedule).toMatchObject({ closeAfterSeconds: 360, agreementWindowSeconds: 180 });

    // Three influencers apply while the board is open: they appear without a reload.
    const applicants = await Promise.all(
      [1, 2, 3].map(() => createInfluencer(web.campaign, { niches: [niche] })),
    );
    for (const applicant of applicants) {
      await request(web.campaign.app)
        .post(`/campaigns/${campaignId}/applications`)
        .set('authorization', applicant.auth)
        .set('idempotency-key', randomUUID())
        .expect(201);
    }
    const rows = page.getByRole('list', { name: 'pending applicants' }).getByRole('listitem');
    await expectEventually(async () => expect(await rows.count()).toBe(3));
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'brand-board');

    // One at a time…
    const [first, ...others] = applicants.map((a) => a!.id);
    await page.getByRole('button', { name: `Select ${first}` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${first} moved to selected` })
      .waitFor();
    // …and many at once.
    await page.getByLabel('All 2 pending').check();
    await page.getByRole('button', { name: 'Move 2 checked to declined' }).click();
    await page.getByRole('status').filter({ hasText: '2 applicants moved to declined' }).waitFor();

    const { body } = await request(web.campaign.app)
      .get(`/campaigns/${campaignId}/board`)
      .set('authorization', brand.auth)
      .expect(200);
    expect(body.applicants.selected).toEqual([first]);
    expect([...body.applicants.declined].sort()).toEqual([...others].sort());
    await page.getByRole('button', { name: /^Selected/ }).click();
    await page
      .getByRole('list', { name: 'selected applicants' })
      .getByRole('button', { name: `Decline ${first}` })
      .waitFor();
  });

  test('the inbox shows a new notification live', async () => {
    const influencer = await createInfluencer(web.campaign);
    const page = await web.personAs({ role: 'influencer', userId: influencer.id });
    await page.goto(`${web.url}/inbox`);
    await page.getByText('Nothing yet').waitFor();
    await web.inbox.deliver(randomUUID(), [
      {
        recipientId: influencerKey(influencer.id),
        kind: 'new_message',
        title: 'A message from Sunrise',
        body: 'Welcome aboard!',
        campaignId: null,
      },
    ]);
    await page.getByRole('heading', { name: 'A message from Sunrise' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'inbox');
  });

  test('the public pages and the ops page pass the accessibility check', async () => {
    const page = await web.stranger();
    for (const [path, heading, shot] of [
      ['/sign-in', 'Sign in', 'sign-in'],
      ['/sign-up/brand', 'Sign up your brand', 'sign-up-brand'],
      ['/sign-up/influencer', 'Sign up as an influencer', null],
    ] as const) {
      await page.goto(`${web.url}${path}`);
      await page.getByRole('heading', { name: heading }).waitFor();
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      if (shot) await screenshot(page, shot);
    }
    // Signed out, an area's page sends you to sign in.
    await page.goto(`${web.url}/brand/campaigns`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    const ops = await web.personAs({ role: 'ops', userId: `ops-${randomUUID()}` });
    await ops.goto(`${web.url}/`);
    await ops.getByRole('heading', { name: "Every brand's campaigns" }).waitFor();
    expect(await seriousAccessibilityViolations(ops)).toEqual([]);
  });
  test("a mail's link opens the page of the person who follows it", async () => {
    const brand = await createBrand(web.campaign, 'starter');
    const niche = unique('mail');
    const id = await publishedCampaign(brand.auth, 'Linked from a mail', { niches: [niche] });
    const influencer = await createInfluencer(web.campaign, { niches: [niche] });

    const reader = await web.personAs({ role: 'influencer', userId: influencer.id });
    await reader.goto(`${web.url}/campaigns/${id}`);
    await reader.getByRole('button', { name: 'Apply' }).waitFor();
    expect(new URL(reader.url()).pathname).toBe(`/influencer/campaigns/${id}`);

    const owner = await web.personAs({
      role: 'brand',
      userId: `user-of-${brand.id}`,
      brandId: brand.id,
    });
    await owner.goto(`${web.url}/campaigns/${id}/applicants`);
    await owner.waitForURL(`${web.url}/brand/campaigns/${id}`);

    // Signed out, the link leads to sign-in, which remembers where it was going.
    const stranger = await web.stranger();
    await stranger.goto(`${web.url}/campaigns/${id}`);
    await stranger.waitForURL(`${web.url}/sign-in`);
    expect(await stranger.evaluate('sessionStorage.getItem("campaign.destination")')).toBe(
      `/campaigns/${id}`,
    );
  });
});

/** Retries an assertion for a few seconds: what the page shows arrives asynchronously. */
async function expectEventually(check: () => Promise<void>, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
