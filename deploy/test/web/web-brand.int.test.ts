import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { bearer, createBrand, createInfluencer } from '../system/campaign-system';
import {
  screenshot,
  seriousAccessibilityViolations,
  startWebSystem,
  unique,
  type WebSystem,
} from './web-system';

/**
 * What a brand does in the browser beyond creating and publishing: edit a draft, send agreements
 * and follow them, start the collaboration (disabled with its reason until it may be pressed;
 * once), the collaborators and their Excel file, results with a chart, the Network (and its
 * refusal on Starter), the Messenger and customer success. Each rule is checked through the API.
 */
describe('the brand in a browser', () => {
  let web: WebSystem;
  beforeAll(async () => {
    web = await startWebSystem('web-brand');
  }, 180_000);
  afterAll(() => web?.stop());

  const brandPage = (brand: { id: string }) =>
    web.personAs({ role: 'brand', userId: `user-of-${brand.id}`, brandId: brand.id });

  async function expectAccessible(page: Page) {
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }

  test('a brand edits its draft; the edit is stored', async () => {
    const brand = await createBrand(web.campaign, 'starter');
    const page = await brandPage(brand);
    await page.goto(`${web.url}/brand/campaigns/new`);
    await page.getByLabel('Title').fill('Autumn drafts');
    await page.getByLabel('Brief').fill('A first idea');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('link', { name: 'Edit draft' }).click();
    await expect(page.getByLabel('Title').inputValue()).resolves.toBe('Autumn drafts');
    await page.getByLabel('Title').fill('Autumn walks');
    await page.getByLabel('Brief').fill('Walk our boots through the leaves');
    await page.getByLabel('Countries').fill('nl, be');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Autumn walks' }).waitFor();

    const campaignId = page.url().split('/').pop() ?? '';
    const { body } = await request(web.campaign.app)
      .get(`/campaigns/${campaignId}`)
      .set('authorization', brand.auth)
      .expect(200);
    expect(body).toMatchObject({
      title: 'Autumn walks',
      brief: 'Walk our boots through the leaves',
      qualifications: { countries: ['NL', 'BE'] },
      status: 'draft',
    });
  });

  test('a brand walks a compressed week: agreement, close, start collaboration once, addresses, Excel, results, group message', async () => {
    const niche = unique('hike');
    const brand = await createBrand(web.campaign, 'starter');
    const page = await brandPage(brand);
    await page.goto(`${web.url}/brand/campaigns/new`);
    await page.getByLabel('Title').fill('Summit week');
    await page.getByLabel('Brief').fill('Bring our flask to the top');
    await page.getByLabel('Niches').fill(niche);
    await page.getByLabel(/Compressed week/).check();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('heading', { name: 'Applicants' }).waitFor();
    const campaignId = page.url().split('/').pop() ?? '';

    const influencer = await createInfluencer(web.campaign, { niches: [niche] });
    await request(web.campaign.app)
      .post(`/campaigns/${campaignId}/applications`)
      .set('authorization', influencer.auth)
      .set('idempotency-key', randomUUID())
      .expect(201);
    await page.getByRole('button', { name: `Select ${influencer.id}` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `${influencer.id} moved to selected` })
      .waitFor();

    // Before the close, Start collaboration is disabled and says why, in the rule's words.
    const start = page.getByRole('button', { name: 'Start collaboration' });
    expect(await start.isDisabled()).toBe(true);
    const openReason = await page.locator('#start-reason').innerText();
    expect(openReason).toMatch(
      /^The campaign is open until .+; start collaboration becomes available when it closes, or earlier if ops close it\.$/,
    );
    expect(await start.getAttribute('aria-describedby')).toBe('start-reason');
    // No address is shown before the start: the API shows none, and the page asks for none.
    expect(await page.getByText('Keizersgracht').count()).toBe(0);

    // Send the agreement from the board's Selected column.
    await page.getByRole('button', { name: /^Selected/ }).click();
    await page.getByLabel(influencer.id).check();
    await page.getByRole('button', { name: 'Send agreement to 1 checked' }).click();
    await page.getByRole('status').filter({ hasText: 'Agreement sent to 1 influencer' }).waitFor();
    const waiting = page.getByRole('list', { name: 'Sent, waiting agreements' });
    await waiting.getByText(influencer.id).waitFor();
    expect(await waiting.innerText()).toMatch(/\d+ min \d+ s left \(sign by /);
    const sent = await board(brand.auth, campaignId);
    expect(sent.agreements.pending).toEqual([influencer.id]);
    // The compressed week gives three minutes to sign.
    const left = Date.parse(sent.agreementDeadlines[influencer.id]) - Date.now();
    expect(left).toBeGreaterThan(120_000);
    expect(left).toBeLessThanOrEqual(180_000);
    await expectAccessible(page);
    await screenshot(page, 'brand-agreements');

    // The influencer accepts through the API; the page follows.
    await request(web.campaign.app)
      .post(`/campaigns/${campaignId}/agreement/sign`)
      .set('authorization', influencer.auth)
      .set('idempotency-key', randomUUID())
      .expect(200);
    await page
      .getByRole('list', { name: 'Accepted agreements' })
      .getByText(influencer.id)
      .waitFor();
    // Still open: the reason stays until the close.
    expect(await start.isDisabled()).toBe(true);

    // Ops close the campaign early; the button becomes available.
    const ops = await bearer({ role: 'ops', userId: `ops-${randomUUID()}` });
    await request(web.campaign.app)
      .post(`/campaigns/${campaignId}/close`)
      .set('authorization', ops)
      .set('idempotency-key', randomUUID())
      .send({ reason: 'the brand is ready' })
      .expect(200);
    await expectEventually(async () => expect(await start.isEnabled()).toBe(true));
    expect(await page.locator('#start-reason').count()).toBe(0);
    await start.click();
    await page.getByRole('status').filter({ hasText: 'Collaboration started' }).waitFor();
    expect((await board(brand.auth, campaignId)).collaborationStartedAt).not.toBeNull();

    // Now the collaborators, with names and addresses.
    const collaborators = page.getByRole('list', { name: 'Collaborators' });
    await collaborators.getByText('Keizersgracht 1').waitFor();
    expect(await collaborators.innerText()).toContain(`Influencer ${influencer.id.slice(-6)}`);
    await expectAccessible(page);
    await screenshot(page, 'brand-collaborators');

    // A second press: the API refuses, and the page shows its rule.
    await start.click();
    const once = page
      .getByRole('alert')
      .filter({ hasText: 'Start collaboration can be pressed once' });
    await once.waitFor();
    expect(await once.innerText()).toMatch(/it was pressed at \d{4}-\d\d-\d\dT/);

    // The Excel file: a real download, its rows as stored.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download addresses (Excel)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Summit week addresses.xlsx');
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'web-brand-')), 'addresses.xlsx');
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const rows: unknown[][] = [];
    workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['Name', 'Handle', 'Street', 'Postcode', 'City', 'Country']);
    expect(rows.slice(1)).toEqual([
      [
        `Influencer ${influencer.id.slice(-6)}`,
        expect.stringMatching(/^@influencer_/),
        'Keizersgracht 1',
        expect.anything(),
        'Amsterdam',
        'NL',
      ],
    ]);

    // One message to the whole group (the group as the campaign's event records it in messaging).
    await web.groups.start({
      campaignId,
      brandId: brand.id,
      influencerIds: [influencer.id],
      startedAt: new Date(),
    });
    await page.getByLabel('Message to the whole group').fill('Flasks ship on Monday!');
    await page.getByRole('button', { name: 'Send to the group' }).click();
    await page.getByRole('status').filter({ hasText: 'Sent to all 1 collaborators' }).waitFor();
    const conversationId = await onlyConversation(influencer.auth);
    expect(await bodiesIn(conversationId, influencer.auth)).toEqual(['Flasks ship on Monday!']);

    // Results, typed in by the influencer: per influencer and in total, with the chart.
    await request(web.campaign.app)
      .post(`/campaigns/${campaignId}/results`)
      .set('authorization', influencer.auth)
      .set('idempotency-key', randomUUID())
      .send({
        postUrl: 'https://www.instagram.com/p/summit1/',
        reach: 1200,
        impressions: 3400,
        likes: 210,
        comments: 12,
        clicks: 30,
      })
      .expect(201);
    await page.getByRole('link', { name: 'Results' }).click();
    await page.getByRole('heading', { name: 'In total' }).waitFor();
    expect(
      await page.getByRole('img', { name: /Reach per influencer/ }).getAttribute('aria-label'),
    ).toBe(`Reach per influencer: ${influencer.id} 1200`);
    const post = page.getByRole('list', { name: `Posts of ${influencer.id}` });
    expect(await post.innerText()).toContain('typed in');
    const results = await request(web.campaign.app)
      .get(`/campaigns/${campaignId}/results`)
      .set('authorization', brand.auth)
      .expect(200);
    expect(results.body.total).toMatchObject({
      reach: 1200,
      posts: 1,
      postsBySource: { manual: 1, insights: 0 },
    });
    expect(await page.getByRole('main').innerText()).toContain('1 typed in, 0 imported');
    await expectAccessible(page);
    await screenshot(page, 'brand-results');

    // The Messenger: the one-on-one conversation, followed live, and a reply.
    await page.getByRole('link', { name: 'Messages' }).first().click();
    await page.getByRole('link', { name: influencer.id }).click();
    const log = page.getByRole('log', { name: 'Messages' });
    await log.getByText('Flasks ship on Monday!').waitFor();
    await request(web.messaging)
      .post(`/conversations/${conversationId}/messages`)
      .set('authorization', influencer.auth)
      .set('idempotency-key', randomUUID())
      .send({ body: 'Which address do you have for me?' })
      .expect(201);
    await log.getByText('Which address do you have for me?').waitFor();
    await page.getByLabel('Your message').fill('Keizersgracht 1, as in your profile.');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await log.getByText('Keizersgracht 1, as in your profile.').waitFor();
    expect(await bodiesIn(conversationId, influencer.auth)).toEqual([
      'Flasks ship on Monday!',
      'Which address do you have for me?',
      'Keizersgracht 1, as in your profile.',
    ]);
    await expectAccessible(page);
    await screenshot(page, 'brand-messenger');
  });

  test('the Network: a Professional brand searches and invites with its own text; Starter reads the refusal and its reason', async () => {
    const niche = unique('bake');
    const pro = await createBrand(web.campaign, 'professional');
    const { body: created } = await request(web.campaign.app)
      .post('/campaigns')
      .set('authorization', pro.auth)
      .send({ title: 'Bread week', brief: 'Bake with our flour', qualifications: {} })
      .expect(201);
    await request(web.campaign.app)
      .post(`/campaigns/${created.id}/publish`)
      .set('authorization', pro.auth)
      .expect(202);
    const baker = await createInfluencer(web.campaign, { niches: [niche], followers: 50_000 });
    await createInfluencer(web.campaign, { niches: [niche], followers: 500 });

    const page = await brandPage(pro);
    await page.goto(`${web.url}/brand/campaigns/${created.id}/network`);
    await page.getByLabel('Niche').fill(niche);
    await page.getByLabel('Minimum followers').fill('10000');
    await page.getByRole('button', { name: 'Search' }).click();
    const found = page.getByRole('list', { name: 'Influencers' }).getByRole('listitem');
    await expectEventually(async () =>
      expect(await found.allInnerTexts()).toEqual([expect.stringContaining('50,000 followers')]),
    );
    await found.getByRole('button', { name: /Invite for campaign/ }).click();
    const text = page.getByLabel('Invitation text');
    await expectEventually(async () => expect(await text.inputValue()).toContain('{campaign}'));
    await text.fill('Hi {influencer}, fancy baking for "{campaign}"? Your loaves are great.');
    await expectAccessible(page);
    await screenshot(page, 'brand-network');
    const [invited] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/campaigns/${created.id}/invitations`)),
      page.getByRole('button', { name: 'Send invitation' }).click(),
    ]);
    expect(invited.status()).toBe(201);
    expect((await invited.json()).message).toBe(
      `Hi Influencer ${baker.id.slice(-6)}, fancy baking for "Bread week"? Your loaves are great.`,
    );
    await page.getByRole('status').filter({ hasText: 'Invitation sent' }).waitFor();
    expect((await board(pro.auth, created.id)).invited).toEqual([baker.id]);

    // On Starter: the API's refusal, with its reason, and nothing listed.
    const starter = await createBrand(web.campaign, 'starter');
    const { body: own } = await request(web.campaign.app)
      .post('/campaigns')
      .set('authorization', starter.auth)
      .send({ title: 'Small batch', brief: 'Bake with our flour', qualifications: {} })
      .expect(201);
    await request(web.campaign.app)
      .post(`/campaigns/${own.id}/publish`)
      .set('authorization', starter.auth)
      .expect(202);
    const starterPage = await brandPage(starter);
    await starterPage.goto(`${web.url}/brand/campaigns/${own.id}/network`);
    const refusal = starterPage
      .getByRole('alert')
      .filter({ hasText: 'Professional or Enterprise' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toBe(
      'Searching the Network and inviting influencers need a Professional or Enterprise plan; your brand is on Starter.',
    );
    expect(
      await starterPage.getByRole('list', { name: 'Influencers' }).getByRole('listitem').count(),
    ).toBe(0);
    await expectAccessible(starterPage);
    await screenshot(starterPage, 'brand-network-starter');
  });

  test('a brand talks to customer success', async () => {
    const brand = await createBrand(web.campaign, 'starter');
    const page = await brandPage(brand);
    await page.goto(`${web.url}/brand/support`);
    await page.getByText('None yet.').waitFor();
    await expectAccessible(page);
    await page.getByLabel('How can we help?').fill('How do I change our plan?');
    await page.getByRole('button', { name: 'Open a conversation' }).click();
    const log = page.getByRole('log', { name: 'Messages' });
    await log.getByText('How do I change our plan?').waitFor();
    const supportId = page.url().split('/').pop() ?? '';

    const ops = await bearer({ role: 'ops', userId: `ops-${randomUUID()}` });
    await request(web.messaging)
      .post(`/support/conversations/${supportId}/messages`)
      .set('authorization', ops)
      .set('idempotency-key', randomUUID())
      .send({ body: 'We can move you to Professional today.' })
      .expect(201);
    await log.getByText('We can move you to Professional today.').waitFor();
    await page.getByLabel('Your message').fill('Yes please.');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await log.getByText('Yes please.').waitFor();

    const { body } = await request(web.messaging)
      .get(`/support/conversations/${supportId}`)
      .set('authorization', ops)
      .expect(200);
    expect(body.requester).toMatchObject({ role: 'brand', brandId: brand.id });
    expect(body.messages.map((m: { body: string }) => m.body)).toEqual([
      'How do I change our plan?',
      'We can move you to Professional today.',
      'Yes please.',
    ]);
    await expectAccessible(page);
    await screenshot(page, 'brand-support');
  });

  async function board(auth: string, campaignId: string) {
    const { body } = await request(web.campaign.app)
      .get(`/campaigns/${campaignId}/board`)
      .set('authorization', auth)
      .expect(200);
    return body;
  }

  async function onlyConversation(auth: string): Promise<string> {
    const { body } = await request(web.messaging)
      .get('/conversations')
      .set('authorization', auth)
      .expect(200);
    expect(body.items).toHaveLength(1);
    return body.items[0].id;
  }

  async function bodiesIn(conversationId: string, auth: string) {
    const { body } = await request(web.messaging)
      .get(`/conversations/${conversationId}/messages`)
      .set('authorization', auth)
      .expect(200);
    return body.items.map((m: { body: string }) => m.body);
  }
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
