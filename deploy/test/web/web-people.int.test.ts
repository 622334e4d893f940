import { randomUUID } from 'node:crypto';
import { influencerKey } from '@campaign/service-runtime';
import { eventually, localGraphControl, testEnvironment } from '@campaign/testing';
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
 * The influencer's and customer success's pages in Debian's chromium, on the real services: what
 * each person does in the browser is checked through the APIs (what is stored, what is refused),
 * with an axe check on every page and the README's screenshots.
 */
describe("the influencer's and customer success's pages in a browser", () => {
  let web: WebSystem;
  const graph = localGraphControl(testEnvironment().graphApiUrl);
  beforeAll(async () => {
    web = await startWebSystem('web-people');
  }, 180_000);
  afterAll(() => web?.stop());

  const campaignApp = () => request(web.campaign.app);
  const messagingApp = () => request(web.messenger.messagingApp);
  const notificationsApp = () => request(web.messenger.notificationsApp);

  async function publishedCampaign(brandAuth: string, title: string, qualifications: object) {
    const { body } = await campaignApp()
      .post('/campaigns')
      .set('authorization', brandAuth)
      .send({ title, brief: `${title}: show it in your morning routine`, qualifications })
      .expect(201);
    await campaignApp()
      .post(`/campaigns/${body.id}/publish`)
      .set('authorization', brandAuth)
      .expect(202);
    await eventually(async () => {
      const row = await web.campaign.db.campaign.findUniqueOrThrow({ where: { id: body.id } });
      expect(row.status).toBe('published');
    });
    return body.id as string;
  }

  /** A workflow action over the API, retried until the workflow has recorded what it needs. */
  const accepted = (path: string, auth: string, body: object = {}) =>
    eventually(async () => {
      const response = await campaignApp()
        .post(path)
        .set('authorization', auth)
        .set('idempotency-key', randomUUID())
        .send(body);
      expect({ path, accepted: response.status < 300 }).toEqual({ path, accepted: true });
    });

  const board = async (campaignId: string, auth: string) =>
    (
      await campaignApp()
        .get(`/campaigns/${campaignId}/board`)
        .set('authorization', auth)
        .expect(200)
    ).body;

  async function noSeriousViolations(page: Page) {
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }

  test('an influencer connects Instagram, applies, signs the agreement and uploads results', async () => {
    const niche = unique('dawn');
    const username = `ig_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    await graph.createAccount({
      username,
      followers: 12_400,
      posts: [
        { likes: 300, comments: 20 },
        { likes: 500, comments: 40 },
      ],
    });
    const brand = await createBrand(web.campaign, 'professional');
    const ops = await bearer({ role: 'ops', userId: `ops-${randomUUID()}` });
    // Imported with no audience: only the connected account may give one.
    const influencer = await createInfluencer(web.campaign, {
      handle: `@${username}`,
      niches: [niche],
      followers: 0,
    });
    const campaignId = await publishedCampaign(brand.auth, 'Sunrise serum', {
      niches: [niche],
      minFollowers: 12_000,
    });
    const page = await web.personAs({ role: 'influencer', userId: influencer.id });
    // The service's redirect URI is the stack's web app: here the page is at this run's address.
    await page.route('http://127.0.0.1:3001/social-account/connected**', (route) =>
      route.fulfill({
        status: 302,
        headers: { location: route.request().url().replace('http://127.0.0.1:3001', web.url) },
      }),
    );

    // The account: not connected, then connected through Instagram's consent page.
    await page.goto(`${web.url}/influencer/account`);
    await page.getByText('Not connected').waitFor();
    await noSeriousViolations(page);
    await page.getByRole('button', { name: 'Connect Instagram' }).click();
    await page.getByRole('link', { name: `Allow as @${username}` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Connected @${username}: 12,400 followers` })
      .waitFor();
    await noSeriousViolations(page);
    const account = await campaignApp()
      .get('/me/social-account')
      .set('authorization', influencer.auth)
      .expect(200);
    expect(account.body).toMatchObject({ status: 'connected', username, followers: 12_400 });
    await page.getByRole('link', { name: 'Back to my account' }).click();
    await page.getByRole('button', { name: 'Reconnect Instagram' }).waitFor();
    expect(await page.getByRole('region', { name: 'Instagram account' }).innerText()).toContain(
      '12,400',
    );
    await noSeriousViolations(page);
    await screenshot(page, 'influencer-account');

    // Applies with the audience read from the account.
    await page.goto(`${web.url}/influencer/campaigns/${campaignId}`);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('status').filter({ hasText: 'Applied' }).waitFor();
    expect((await board(campaignId, brand.auth)).applicants.pending).toEqual([influencer.id]);

    // The brand selects and sends the agreement (API); the influencer signs it in the browser.
    await accepted(`/campaigns/${campaignId}/selection`, brand.auth, {
      influencerIds: [influencer.id],
      status: 'selected',
    });
    await accepted(`/campaigns/${campaignId}/agreements`, brand.auth, {
      influencerIds: [influencer.id],
    });
    await eventually(async () => {
      await page.goto(`${web.url}/influencer/agreements`);
      await page.getByRole('button', { name: 'Sign agreement for Sunrise serum' }).waitFor({
        timeout: 2_000,
      });
    });
    // Three days to sign: the time left is shown.
    expect(await page.getByRole('list', { name: 'Agreements' }).innerText()).toMatch(
      /2 days 23 hours left|3 days 0 hours left/,
    );
    await noSeriousViolations(page);
    await screenshot(page, 'influencer-agreements');
    await page.getByRole('button', { name: 'Sign agreement for Sunrise serum' }).click();
    await page.getByRole('status').filter({ hasText: 'Signed the agreement' }).waitFor();
    await eventually(async () =>
      expect((await board(campaignId, brand.auth)).agreements.accepted).toEqual([influencer.id]),
    );
    await page.getByText('Signed', { exact: true }).waitFor();

    // Ops close early, the brand starts the collaboration (API): the influencer is congratulated.
    await accepted(`/campaigns/${campaignId}/close`, ops, { reason: 'the brand is ready' });
    await accepted(`/campaigns/${campaignId}/collaboration`, brand.auth);
    await eventually(async () => {
      await page.goto(`${web.url}/influencer/my-campaigns`);
      await page.getByText('Congratulations! You are in the collaboration').waitFor({
        timeout: 2_000,
      });
    });
    await noSeriousViolations(page);
    await screenshot(page, 'influencer-my-campaigns');

    // Results: a wrong figure is named and nothing is stored; then the results are stored.
    await page.getByRole('link', { name: 'Upload results for Sunrise serum' }).click();
    const postUrl = `https://www.instagram.com/p/${randomUUID().slice(0, 10)}/`;
    await page.getByLabel('Post link').fill(postUrl);
    for (const [label, value] of [
      ['Reach', 'lots'],
      ['Impressions', '5400'],
      ['Likes', '320'],
      ['Comments', '41'],
      ['Clicks', '77'],
    ] as const) {
      await page.getByLabel(label).fill(value);
    }
    await page.getByRole('button', { name: 'Upload results' }).click();
    await page.getByRole('alert').filter({ hasText: 'reach' }).waitFor();
    expect(await page.getByLabel('Reach').getAttribute('aria-invalid')).toBe('true');
    const results = () =>
      campaignApp()
        .get(`/campaigns/${campaignId}/results`)
        .set('authorization', brand.auth)
        .expect(200);
    expect((await results()).body.perInfluencer).toEqual([
      expect.objectContaining({ influencerId: influencer.id, posts: [] }),
    ]);
    await noSeriousViolations(page);

    await page.getByLabel('Reach').fill('4100');
    await page.getByRole('button', { name: 'Upload results' }).click();
    await page.getByRole('status').filter({ hasText: 'Results saved' }).waitFor();
    const stored = (await results()).body;
    expect(stored.perInfluencer).toEqual([
      expect.objectContaining({
        influencerId: influencer.id,
        posts: [
          expect.objectContaining({
            postUrl,
            reach: 4100,
            impressions: 5400,
            likes: 320,
            comments: 41,
            clicks: 77,
            source: 'manual',
          }),
        ],
      }),
    ]);
    await noSeriousViolations(page);
    await screenshot(page, 'influencer-results');
  });

  test('an invitation in the Messenger: reply live, then apply from it; customer success from the Messenger', async () => {
    const niche = unique('inv');
    const brand = await createBrand(web.campaign, 'professional');
    const campaignId = await publishedCampaign(brand.auth, 'Harbour walks', { niches: [niche] });
    const influencer = await createInfluencer(web.campaign, { niches: [niche] });
    // The Messenger delivers the brand's invitation as its Kafka consumer does.
    await web.messenger.conversations.deliver({
      messageId: randomUUID(),
      campaignId,
      brandId: brand.id,
      influencerId: influencer.id,
      senderId: `user-of-${brand.id}`,
      body: 'We would love you on Harbour walks!',
      at: new Date(),
    });
    const page = await web.personAs({ role: 'influencer', userId: influencer.id });
    await page.goto(`${web.url}/influencer/messenger`);
    await page.getByRole('link', { name: 'Harbour walks' }).click();
    await page.getByText('We would love you on Harbour walks!').waitFor();
    await noSeriousViolations(page);

    await page.getByLabel('Your message').fill('I would love to join!');
    await page.getByRole('button', { name: 'Send' }).click();
    const messages = page.getByRole('list', { name: 'Messages' });
    await messages.getByText('I would love to join!').waitFor();
    const conversationId = page.url().split('/').pop() ?? '';
    const asBrand = await messagingApp()
      .get(`/conversations/${conversationId}/messages`)
      .set('authorization', brand.auth)
      .expect(200);
    expect(asBrand.body.items.map((m: { body: string }) => m.body).sort()).toEqual([
      'I would love to join!',
      'We would love you on Harbour walks!',
    ]);

    // The brand answers over the API: it appears live, without a reload.
    await messagingApp()
      .post(`/conversations/${conversationId}/messages`)
      .set('authorization', brand.auth)
      .set('idempotency-key', randomUUID())
      .send({ body: 'Wonderful, apply and we will select you.' })
      .expect(201);
    await messages.getByText('Wonderful, apply and we will select you.').waitFor();
    await screenshot(page, 'influencer-messenger');

    await page.getByRole('link', { name: 'read the campaign and apply' }).click();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('status').filter({ hasText: 'Applied' }).waitFor();
    expect((await board(campaignId, brand.auth)).applicants.pending).toEqual([influencer.id]);

    // Customer success: opened from the Messenger, and talked in.
    await page.goto(`${web.url}/influencer/messenger`);
    await page.getByLabel('Ask customer success').fill('How do I get paid?');
    await page.getByRole('button', { name: 'Start a conversation' }).click();
    await page.getByRole('list', { name: 'Messages' }).getByText('How do I get paid?').waitFor();
    await noSeriousViolations(page);
    const mine = await messagingApp()
      .get('/support/conversations')
      .set('authorization', influencer.auth)
      .expect(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({ awaitingReply: true, state: 'open' }),
    ]);
  });

  test('notification preferences, the newsletter and its unsubscribe page', async () => {
    const influencer = await createInfluencer(web.campaign);
    const page = await web.personAs({ role: 'influencer', userId: influencer.id });
    const preferences = async () =>
      (
        await notificationsApp()
          .get('/me/notification-preferences')
          .set('authorization', influencer.auth)
          .expect(200)
      ).body.items as { kind: string; delivery: string }[];

    await page.goto(`${web.url}/influencer/settings`);
    const newMessage = page.getByRole('group', { name: 'A new message' });
    await newMessage.getByLabel('In the app only').click();
    await page.getByRole('status').filter({ hasText: 'A new message: in the app only' }).waitFor();
    expect(await preferences()).toContainEqual({
      kind: 'new_message',
      delivery: 'in_app',
      mustReach: false,
    });

    // What must reach me cannot be turned down: the service's rule, and nothing changes.
    const agreement = page.getByRole('group', { name: 'An agreement to sign' });
    await agreement.getByLabel('In the app only').click();
    await page.getByRole('alert').filter({ hasText: 'always reaches you by e-mail' }).waitFor();
    expect(await preferences()).toContainEqual(
      expect.objectContaining({ kind: 'agreement_sent', delivery: 'in_app_and_email' }),
    );
    await eventually(async () =>
      expect(await agreement.getByLabel('In the app and by e-mail').isChecked()).toBe(true),
    );
    await noSeriousViolations(page);
    await screenshot(page, 'influencer-notifications');

    // The newsletter: subscribed here, then unsubscribed from the mail's link on the app's origin.
    const newsletter = page.getByLabel('Send me the end-of-day newsletter of new campaigns');
    if (!(await newsletter.isChecked())) {
      await newsletter.check();
      await page.getByRole('status').filter({ hasText: 'Subscribed' }).waitFor();
    }
    const subscribed = () =>
      notificationsApp().get('/me/newsletter').set('authorization', influencer.auth).expect(200);
    expect((await subscribed()).body).toEqual({ subscribed: true });

    const link = new URL(await web.messenger.unsubscribeLinks.urlFor(influencerKey(influencer.id)));
    const stranger = await web.stranger();
    await stranger.goto(`${web.url}/newsletter/unsubscribe${link.search}`);
    expect((await subscribed()).body).toEqual({ subscribed: true }); // Following it changes nothing.
    await noSeriousViolations(stranger);
    await stranger.getByRole('button', { name: 'Unsubscribe' }).click();
    await stranger.getByRole('heading', { name: 'You are unsubscribed' }).waitFor();
    expect((await subscribed()).body).toEqual({ subscribed: false });
    await page.reload();
    await newsletter.waitFor();
    expect(await newsletter.isChecked()).toBe(false);
  });

  test('ops close a campaign early and add an influencer manually, each with its reason in the audit log', async () => {
    const niche = unique('ops');
    const brand = await createBrand(web.campaign, 'starter');
    const campaignId = await publishedCampaign(brand.auth, 'Night market', {
      niches: [niche],
      countries: ['DE'],
    });
    // Lives in the Netherlands: the campaign's qualifications refuse them.
    const outsider = await createInfluencer(web.campaign, { niches: [niche], country: 'NL' });
    const opsId = `ops-${randomUUID()}`;
    const page = await web.personAs({ role: 'ops', userId: opsId });

    await page.goto(`${web.url}/ops/campaigns`);
    await page.getByLabel('Brand').fill(brand.id);
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('link', { name: 'Night market' }).click();
    await page.getByText('Nothing recorded yet.').waitFor();
    await noSeriousViolations(page);

    await page.getByLabel('Influencer', { exact: true }).fill(outsider.id);
    await page.getByLabel('Reason for adding').fill('the brand asked for them by name');
    await page.getByRole('button', { name: 'Add influencer' }).click();
    await page.getByRole('status').filter({ hasText: 'Adding the influencer' }).waitFor();
    await eventually(async () =>
      expect((await board(campaignId, brand.auth)).applicants.pending).toEqual([outsider.id]),
    );

    await page.getByLabel('Reason for closing').fill('the brand wants to start on Monday');
    await page.getByRole('button', { name: 'Close campaign early' }).click();
    await page.getByRole('status').filter({ hasText: 'Closing the campaign' }).waitFor();
    const audit = page.getByRole('list', { name: 'Audit records' });
    await audit.getByText('Reason: the brand wants to start on Monday').waitFor();
    await audit.getByText('Reason: the brand asked for them by name').waitFor();
    await page.getByText('closed', { exact: true }).waitFor();
    expect(await audit.innerText()).toContain(`Closed early by ${opsId}`);
    expect(await audit.innerText()).toContain(`Added manually ${outsider.id} by ${opsId}`);
    const ops = await bearer({ role: 'ops', userId: opsId });
    const log = await campaignApp()
      .get('/ops/audit')
      .query({ campaignId })
      .set('authorization', ops)
      .expect(200);
    expect(log.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'close_early',
          actor: opsId,
          reason: 'the brand wants to start on Monday',
        }),
        expect.objectContaining({
          action: 'add_manually',
          influencerId: outsider.id,
          reason: 'the brand asked for them by name',
        }),
      ]),
    );
    expect(
      (await web.campaign.db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status,
    ).toBe('closed');
    await noSeriousViolations(page);
    await screenshot(page, 'ops-campaign');

    // A second close is refused with the rule.
    await page.getByLabel('Reason for closing').fill('again');
    await page.getByRole('button', { name: 'Close campaign early' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /closed/ })
      .waitFor();

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page
      .getByRole('list', { name: 'Audit records' })
      .getByText('Reason: the brand wants to start on Monday')
      .waitFor();
    await noSeriousViolations(page);
  });

  test('ops take, answer and close a support conversation a brand opened', async () => {
    const brand = await createBrand(web.campaign, 'starter');
    const opened = await messagingApp()
      .post('/support/conversations')
      .set('authorization', brand.auth)
      .set('idempotency-key', randomUUID())
      .send({ body: 'Our campaign shows the wrong dates' })
      .expect(201);
    const conversationId = opened.body.id as string;
    const opsId = `ops-${randomUUID()}`;
    const page = await web.personAs({ role: 'ops', userId: opsId });

    await page.goto(`${web.url}/ops/support`);
    await page.getByRole('link', { name: `Brand ${brand.id}` }).click();
    await page.getByText('Our campaign shows the wrong dates').waitFor();
    await noSeriousViolations(page);
    await page.getByRole('button', { name: 'Take' }).click();
    await page.getByText('taken by you').waitFor();
    await page.getByRole('button', { name: 'Take over' }).waitFor({ state: 'detached' });
    await page.getByLabel('Your message').fill('Fixed: the dates follow your time zone now.');
    await page.getByRole('button', { name: 'Send' }).click();
    await page
      .getByRole('list', { name: 'Messages' })
      .getByText('Fixed: the dates follow your time zone now.')
      .waitFor();
    await screenshot(page, 'ops-support');

    const asBrand = async () =>
      (
        await messagingApp()
          .get(`/support/conversations/${conversationId}`)
          .set('authorization', brand.auth)
          .expect(200)
      ).body;
    expect(await asBrand()).toMatchObject({
      assigneeId: opsId,
      awaitingReply: false,
      state: 'open',
      messages: [
        expect.objectContaining({ senderRole: 'brand' }),
        expect.objectContaining({
          senderRole: 'ops',
          body: 'Fixed: the dates follow your time zone now.',
        }),
      ],
    });

    await page.getByRole('button', { name: 'Close conversation' }).click();
    await page.getByText('This conversation is closed.').waitFor();
    expect(await asBrand()).toMatchObject({ state: 'closed' });
    await noSeriousViolations(page);
    // A closed conversation takes no more messages: the brand is refused with the rule.
    const late = await messagingApp()
      .post(`/support/conversations/${conversationId}/messages`)
      .set('authorization', brand.auth)
      .set('idempotency-key', randomUUID())
      .send({ body: 'One more thing' });
    expect(late.status).toBe(409);
  });
});
