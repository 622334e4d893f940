import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  TEST_AUTH_SECRET,
  eventually,
  localGraphControl,
  testEnvironment,
} from '@campaign/testing';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import request from 'supertest';
import { ensureFirstOpsAccount } from '../../src/first-ops-account';
import { createInfluencer } from '../system/campaign-system';
import { mailbox } from '../system/mailbox';
import {
  screenshot,
  seriousAccessibilityViolations,
  startWebSystem,
  unique,
  type WebSystem,
} from './web-system';

/**
 * The whole compressed week in the browser, as the people of the product do it: a brand, an
 * influencer and customer success, each in a browser context of their own, none given a token.
 * Each signs up or is made an account, and signs in by the link mailed to them: the campaign
 * service's outbox → Kafka → the notifications service's consumer → its mail sender → maildev,
 * whose mail the test reads and opens in that person's context. Every step is checked through the
 * APIs (what is stored, what is refused); every page passes the axe check.
 */
describe('the compressed week in three browsers, and the accounts pages', () => {
  let web: WebSystem;
  const env = testEnvironment();
  const mails = mailbox(env.mailWebUrl);
  const graph = localGraphControl(env.graphApiUrl);
  beforeAll(async () => {
    web = await startWebSystem('web-week', { mail: true });
  }, 180_000);
  afterAll(() => web?.stop());

  const api = () => request(web.campaign.app);
  const address = (who: string) => `${who}-${randomUUID()}@week.campaign-platform.test`;

  async function noSeriousViolations(page: Page) {
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }

  /**
   * The `count`th mail to an address, once it has arrived, and the sign-in link in it. The link
   * leads to the web app's address of its configuration: the same path and code, opened on this
   * run's web app.
   */
  async function mailedLink(email: string, count = 1) {
    const mail = await eventually(async () => {
      const received = await mails.to(email);
      expect(received.length).toBeGreaterThanOrEqual(count);
      return received[count - 1]!;
    });
    const link = /https?:\/\/[^\s"<>]+\/sign-in\?code=[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
    expect(link).toBeDefined();
    const { pathname, search } = new URL(link!);
    return { subject: mail.subject, open: `${web.url}${pathname}${search}` };
  }

  /** Opens the mailed link in the person's own context: signed in, on their home page. */
  async function signInByMail(page: Page, email: string, count = 1) {
    const { open } = await mailedLink(email, count);
    await page.goto(open);
    await page.getByText(/^Signed in as/).waitFor();
  }

  /** The session the sign-in link gave this context (to check through the API what it did). */
  async function sessionOf(page: Page) {
    const token = await page.evaluate<string | null>("sessionStorage.getItem('campaign.token')");
    expect(token).toBeTruthy();
    return `Bearer ${token}`;
  }

  /** What a row says, its parts on one line (a row's parts wrap at phone width). */
  const text = async (row: Locator) => (await row.innerText()).replace(/\s+/g, ' ');

  const whoAmI = (page: Page) => page.getByText(/^Signed in as/).innerText();

  async function signUpBrand(page: Page, brandName: string, name: string, email: string) {
    await page.goto(`${web.url}/sign-up/brand`);
    await page.getByLabel('Brand name').fill(brandName);
    await page.getByLabel('Your name').fill(name);
    await page.getByLabel('E-mail address').fill(email);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Check ${email}: the link in our e-mail finishes your sign-up.` })
      .waitFor();
  }

  /** A first ops account, made by the operator's command, signed in by its mailed link. */
  async function opsSignedIn(name: string) {
    const email = address('ops');
    expect(await ensureFirstOpsAccount(web.campaign.db, TEST_AUTH_SECRET, { name, email })).toBe(
      'created',
    );
    const page = await web.stranger();
    await signInByMail(page, email);
    await page.getByRole('heading', { name: "Every brand's campaigns" }).waitFor();
    return { page, email };
  }

  const board = async (campaignId: string, auth: string) =>
    (await api().get(`/campaigns/${campaignId}/board`).set('authorization', auth).expect(200)).body;

  test('a brand, an influencer and customer success walk a compressed week, each signed in by an e-mailed link', async () => {
    const suffix = randomUUID().slice(0, 6);
    const title = `Fjord week ${suffix}`;
    const brandName = `Fjord Outfitters ${suffix}`;

    // The brand signs up and signs in from the welcome mail.
    const brand = await web.stranger();
    const brandEmail = address('brand');
    await signUpBrand(brand, brandName, 'Ava Jansen', brandEmail);
    await noSeriousViolations(brand);
    await screenshot(brand, 'sign-up-link-sent');
    expect((await mailedLink(brandEmail)).subject).toBe('Welcome to the campaign platform');
    await signInByMail(brand, brandEmail);
    await brand.getByRole('heading', { name: 'Your campaigns' }).waitFor();
    expect(await whoAmI(brand)).toBe(`Signed in as Ava Jansen · ${brandName} (Starter)`);
    await noSeriousViolations(brand);
    await screenshot(brand, 'signed-in-home');
    const brandAuth = await sessionOf(brand);
    const me = (await api().get('/me/account').set('authorization', brandAuth).expect(200)).body;
    expect(me).toMatchObject({ role: 'brand', name: 'Ava Jansen', email: brandEmail });
    expect(me.brand).toMatchObject({ name: brandName, plan: 'starter' });
    const brandId = me.brand.id as string;

    // …and publishes a compressed-week campaign for Icelandic influencers of 10,000 followers.
    await brand.getByRole('link', { name: 'New campaign' }).first().click();
    await brand.getByLabel('Title').fill(title);
    await brand.getByLabel('Brief').fill('Take our rain jacket along the fjords');
    await brand.getByLabel('Minimum followers').fill('10000');
    await brand.getByLabel('Countries').fill('IS');
    await brand.getByLabel(/Compressed week/).check();
    await brand.getByRole('button', { name: 'Save draft' }).click();
    await brand.getByRole('button', { name: 'Publish' }).click();
    await brand.getByRole('heading', { name: 'Applicants' }).waitFor();
    const campaignId = brand.url().split('/').pop() ?? '';
    const published = await eventually(async () => {
      const { body } = await api()
        .get(`/campaigns/${campaignId}`)
        .set('authorization', brandAuth)
        .expect(200);
      expect(body.status).toBe('published');
      return body;
    });
    expect(published.schedule).toMatchObject({ closeAfterSeconds: 360 });
    expect(published.qualifications).toEqual({ minFollowers: 10_000, countries: ['IS'] });

    // The influencer signs up, signs in, gives a shipping address and connects Instagram.
    const username = `ig_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    await graph.createAccount({
      username,
      followers: 12_400,
      posts: [{ likes: 400, comments: 30 }],
    });
    const influencer = await web.stranger();
    const influencerEmail = address('influencer');
    await influencer.goto(`${web.url}/sign-up/influencer`);
    await influencer.getByLabel('Display name').fill('Sigrun Jonsdottir');
    await influencer.getByLabel('Instagram handle').fill(`@${username}`);
    await influencer.getByLabel('Country').fill('IS');
    await influencer.getByLabel('E-mail address').fill(influencerEmail);
    await influencer.getByRole('button', { name: 'Sign up' }).click();
    await influencer
      .getByRole('status')
      .filter({ hasText: `Check ${influencerEmail}` })
      .waitFor();
    await signInByMail(influencer, influencerEmail);
    await influencer.getByRole('heading', { name: 'Marketplace' }).waitFor();
    expect(await whoAmI(influencer)).toBe('Signed in as Sigrun Jonsdottir · influencer');
    const influencerAuth = await sessionOf(influencer);
    const influencerId = (
      await api().get('/me/account').set('authorization', influencerAuth).expect(200)
    ).body.userId as string;

    await influencer.getByRole('link', { name: 'Profile', exact: true }).click();
    await influencer.getByLabel('Street and number').fill('Laugavegur 12');
    await influencer.getByLabel('Postcode').fill('101');
    await influencer.getByLabel('City').fill('Reykjavik');
    await influencer.getByLabel('Niches').fill('outdoor, travel');
    await influencer.getByRole('button', { name: 'Save profile' }).click();
    await influencer.getByRole('status').filter({ hasText: 'Profile saved.' }).waitFor();
    await noSeriousViolations(influencer);
    const profile = (
      await api().get('/me/profile').set('authorization', influencerAuth).expect(200)
    ).body;
    expect(profile).toMatchObject({
      handle: `@${username}`,
      niches: ['outdoor', 'travel'],
      country: 'IS',
      email: influencerEmail,
      shippingAddress: {
        street: 'Laugavegur 12',
        postcode: '101',
        city: 'Reykjavik',
        country: 'IS',
      },
    });

    // The service's redirect URI is the stack's web app: here the page is at this run's address.
    await influencer.route('http://127.0.0.1:3001/social-account/connected**', (route) =>
      route.fulfill({
        status: 302,
        headers: { location: route.request().url().replace('http://127.0.0.1:3001', web.url) },
      }),
    );
    await influencer.getByRole('link', { name: 'Account', exact: true }).click();
    await influencer.getByRole('button', { name: 'Connect Instagram' }).click();
    await influencer.getByRole('link', { name: `Allow as @${username}` }).click();
    // The outcome, success or refusal, so that a refusal's text shows in a failure.
    const connected = influencer.locator('.notice');
    await connected.waitFor({ timeout: 60_000 });
    expect(await connected.innerText()).toBe(`Connected @${username}: 12,400 followers.`);

    // It finds the campaign in the marketplace and applies with the connected audience.
    await influencer.getByRole('link', { name: 'Marketplace', exact: true }).click();
    await influencer.getByLabel('Country').fill('IS');
    await influencer.getByRole('button', { name: 'Filter' }).click();
    await influencer.getByRole('link', { name: title }).click();
    await influencer.getByRole('button', { name: 'Apply' }).click();
    await influencer.getByRole('status').filter({ hasText: 'Applied' }).waitFor();
    expect((await board(campaignId, brandAuth)).applicants.pending).toEqual([influencerId]);

    // On Starter the Network is refused with its reason.
    await brand.getByRole('link', { name: 'Network', exact: true }).click();
    const refusal = brand.getByRole('alert').filter({ hasText: 'Professional or Enterprise' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toBe(
      'Searching the Network and inviting influencers need a Professional or Enterprise plan; your brand is on Starter.',
    );
    await noSeriousViolations(brand);

    // Customer success signs in by link and moves the brand to Professional, with the reason.
    const ops = await opsSignedIn('Layla Haddad');
    const opsAuth = await sessionOf(ops.page);
    expect(await whoAmI(ops.page)).toBe('Signed in as Layla Haddad · customer success');
    await ops.page.getByRole('link', { name: 'Brands', exact: true }).click();
    await ops.page.getByLabel('Brand name or id').fill(brandName);
    await ops.page.getByRole('button', { name: 'Find' }).click();
    const listed = ops.page.getByRole('list', { name: 'Brands' }).getByRole('listitem');
    await eventually(async () => expect(await listed.count()).toBe(1));
    expect(await text(listed)).toContain('Starter · 1 user');
    await noSeriousViolations(ops.page);
    await screenshot(ops.page, 'ops-brands');
    await ops.page.getByRole('link', { name: brandName }).click();
    await ops.page.getByText('None yet: the brand started on Starter.').waitFor();
    await ops.page.getByLabel('New plan').selectOption('professional');
    await ops.page.getByLabel('Reason for the change').fill('Signed the yearly contract');
    await ops.page.getByRole('button', { name: 'Change plan' }).click();
    await ops.page
      .getByRole('status')
      .filter({ hasText: `${brandName} is now on Professional.` })
      .waitFor();
    const history = ops.page.getByRole('list', { name: 'Changes of plan' });
    await history.getByText('Signed the yearly contract').waitFor();
    const opsId = (await api().get('/me/account').set('authorization', opsAuth).expect(200)).body
      .userId as string;
    expect(await text(history)).toContain(
      'Starter → Professional by ops/' + opsId + '. “Signed the yearly contract”',
    );
    await noSeriousViolations(ops.page);
    await screenshot(ops.page, 'ops-brand-plan');
    const changes = (
      await api()
        .get(`/ops/brands/${brandId}/plan-changes`)
        .set('authorization', opsAuth)
        .expect(200)
    ).body.items;
    expect(changes).toEqual([
      expect.objectContaining({
        fromPlan: 'starter',
        toPlan: 'professional',
        reason: 'Signed the yearly contract',
      }),
    ]);

    // The Network now answers the brand: an outdoor influencer who has not applied is found.
    const niche = unique('fjord');
    const other = await createInfluencer(web.campaign, { niches: [niche], country: 'IS' });
    await brand.reload();
    await brand.getByRole('heading', { name: 'Network' }).waitFor();
    await brand.getByLabel('Niche').fill(niche);
    await brand.getByRole('button', { name: 'Search' }).click();
    const found = brand.getByRole('list', { name: 'Influencers' }).getByRole('listitem');
    await eventually(async () => expect(await found.count()).toBe(1));
    expect(await text(found)).toContain(`Influencer ${other.id.slice(-6)}`);
    expect(await brand.getByRole('alert').filter({ hasText: 'Professional' }).count()).toBe(0);
    await brand.getByRole('link', { name: 'Plan', exact: true }).click();
    await brand.getByText(`${brandName} is on the Professional plan.`).waitFor();
    await noSeriousViolations(brand);

    // The brand selects the influencer; Start collaboration waits for the close, saying why.
    await brand.getByRole('link', { name: 'Campaigns', exact: true }).click();
    await brand.getByRole('link', { name: title }).click();
    await brand.getByRole('button', { name: `Select ${influencerId}` }).click();
    await brand
      .getByRole('status')
      .filter({ hasText: `${influencerId} moved to selected` })
      .waitFor();
    const start = brand.getByRole('button', { name: 'Start collaboration' });
    expect(await start.isDisabled()).toBe(true);
    expect(await brand.locator('#start-reason').innerText()).toMatch(
      /^The campaign is open until .+; start collaboration becomes available when it closes, or earlier if ops close it\.$/,
    );
    const refusedStart = await api()
      .post(`/campaigns/${campaignId}/collaboration`)
      .set('authorization', brandAuth)
      .set('idempotency-key', randomUUID());
    expect([409, 422]).toContain(refusedStart.status);
    expect((await board(campaignId, brandAuth)).collaborationStartedAt).toBeNull();

    // …and sends the agreement; the influencer signs it before its deadline.
    await brand.getByRole('button', { name: /^Selected/ }).click();
    await brand.getByLabel(influencerId).check();
    await brand.getByRole('button', { name: 'Send agreement to 1 checked' }).click();
    await brand.getByRole('status').filter({ hasText: 'Agreement sent to 1 influencer' }).waitFor();
    await influencer.getByRole('link', { name: 'Agreements', exact: true }).click();
    const sign = influencer.getByRole('button', { name: `Sign agreement for ${title}` });
    await eventually(async () => {
      await influencer.reload();
      await sign.waitFor({ timeout: 2_000 });
    });
    await sign.click();
    await influencer.getByRole('status').filter({ hasText: 'Signed the agreement' }).waitFor();
    await eventually(async () =>
      expect((await board(campaignId, brandAuth)).agreements.accepted).toEqual([influencerId]),
    );

    // Customer success closes the campaign early, with the reason, from the brand's campaigns.
    await ops.page.getByRole('link', { name: 'Campaigns', exact: true }).click();
    await ops.page.getByLabel('Brand').fill(brandId);
    await ops.page.getByRole('button', { name: 'Show' }).click();
    await ops.page.getByRole('link', { name: title }).click();
    await ops.page.getByLabel('Reason for closing').fill('The brand asked to start on Monday');
    await ops.page.getByRole('button', { name: 'Close campaign early' }).click();
    await ops.page.getByRole('status').filter({ hasText: 'Closing the campaign' }).waitFor();
    await noSeriousViolations(ops.page);
    await eventually(async () => {
      const { body } = await api()
        .get(`/campaigns/${campaignId}`)
        .set('authorization', brandAuth)
        .expect(200);
      expect(body.status).toBe('closed');
    });

    // The brand presses Start collaboration once; a second press is refused with the rule.
    await eventually(async () => expect(await start.isEnabled()).toBe(true));
    await start.click();
    await brand.getByRole('status').filter({ hasText: 'Collaboration started' }).waitFor();
    const startedAt = (await board(campaignId, brandAuth)).collaborationStartedAt;
    expect(startedAt).not.toBeNull();
    await start.click();
    await brand
      .getByRole('alert')
      .filter({ hasText: 'Start collaboration can be pressed once' })
      .waitFor();
    expect((await board(campaignId, brandAuth)).collaborationStartedAt).toBe(startedAt);
    const collaborators = brand.getByRole('list', { name: 'Collaborators' });
    await collaborators.getByText('Laugavegur 12').waitFor();
    await noSeriousViolations(brand);

    // The influencer is congratulated: in the inbox (through Kafka) and under My campaigns.
    await influencer.getByRole('link', { name: 'Inbox', exact: true }).click();
    await influencer
      .getByRole('heading', { name: `Congratulations! You are in “${title}”` })
      .waitFor({ timeout: 30_000 });
    await noSeriousViolations(influencer);
    await influencer.getByRole('link', { name: 'My campaigns', exact: true }).click();
    await influencer.getByText('Congratulations! You are in the collaboration').waitFor();

    // The brand downloads the addresses as an Excel file: the collaborator's row as stored.
    const [download] = await Promise.all([
      brand.waitForEvent('download'),
      brand.getByRole('button', { name: 'Download addresses (Excel)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${title} addresses.xlsx`);
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'web-week-')), 'addresses.xlsx');
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const rows: unknown[][] = [];
    workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toEqual([
      ['Name', 'Handle', 'Street', 'Postcode', 'City', 'Country'],
      ['Sigrun Jonsdottir', `@${username}`, 'Laugavegur 12', '101', 'Reykjavik', 'IS'],
    ]);
  });

  test("a brand's team and plan, ops accounts, signing out and in again", async () => {
    const suffix = randomUUID().slice(0, 6);
    const brandName = `Harbour Coffee ${suffix}`;
    const brand = await web.stranger();
    const email = address('brand');
    await signUpBrand(brand, brandName, 'Noor Visser', email);
    await signInByMail(brand, email);
    const brandAuth = await sessionOf(brand);

    // The team: the first user, then a teammate invited by e-mail, who signs in to the same brand.
    await brand.getByRole('link', { name: 'Team', exact: true }).click();
    const members = brand.getByRole('list', { name: 'Team members' }).getByRole('listitem');
    await eventually(async () => expect(await members.count()).toBe(1));
    expect(await text(members)).toContain(`Noor Visser · ${email} · joined`);
    const teammateEmail = address('teammate');
    await brand.getByLabel("Teammate's name").fill('Eli Bakker');
    await brand.getByLabel("Teammate's e-mail address").fill(teammateEmail);
    await brand.getByRole('button', { name: 'Invite teammate' }).click();
    await brand
      .getByRole('status')
      .filter({
        hasText: `Eli Bakker is invited: a sign-in link is on its way to ${teammateEmail}.`,
      })
      .waitFor();
    await eventually(async () => expect(await members.count()).toBe(2));
    expect(await text(members.nth(1))).toContain('invited, not signed in yet');
    await noSeriousViolations(brand);
    await screenshot(brand, 'brand-team');

    // Inviting the same address again is refused with the rule, and nobody is added.
    await brand.getByLabel("Teammate's name").fill('Eli Bakker');
    await brand.getByLabel("Teammate's e-mail address").fill(teammateEmail);
    await brand.getByRole('button', { name: 'Invite teammate' }).click();
    await brand
      .getByRole('alert')
      .filter({ hasText: 'That address is already on your team.' })
      .waitFor();
    const team = (await api().get('/brand/team').set('authorization', brandAuth).expect(200)).body;
    expect(team.items.map((m: { name: string }) => m.name).sort()).toEqual([
      'Eli Bakker',
      'Noor Visser',
    ]);

    const teammate = await web.stranger();
    await signInByMail(teammate, teammateEmail);
    expect(await whoAmI(teammate)).toBe(`Signed in as Eli Bakker · ${brandName} (Starter)`);
    await brand.reload();
    await eventually(async () =>
      expect(await text(members.nth(1))).toContain(`Eli Bakker · ${teammateEmail} · joined`),
    );

    // The plan: Starter, and what each plan allows.
    await brand.getByRole('link', { name: 'Plan', exact: true }).click();
    await brand.getByText(`${brandName} is on the Starter plan.`).waitFor();
    const plans = brand.getByRole('table', { name: 'What each plan allows' });
    expect(await plans.getByRole('columnheader', { name: 'Starter (yours)' }).count()).toBe(1);
    expect(
      await plans
        .getByRole('row', { name: /Searching the Network/ })
        .getByRole('cell')
        .allInnerTexts(),
    ).toEqual(['No', 'Yes', 'Yes']);
    await noSeriousViolations(brand);
    await screenshot(brand, 'brand-plan');

    // Ops create an account for a colleague, who signs in as ops; a second one is refused.
    const ops = await opsSignedIn('Sam de Boer');
    await ops.page.getByRole('link', { name: 'Ops accounts', exact: true }).click();
    const colleagueEmail = address('colleague');
    await ops.page.getByLabel("Colleague's name").fill('Ines Costa');
    await ops.page.getByLabel("Colleague's e-mail address").fill(colleagueEmail);
    await ops.page.getByRole('button', { name: 'Create ops account' }).click();
    await ops.page
      .getByRole('status')
      .filter({ hasText: 'Ines Costa has an ops account' })
      .waitFor();
    await noSeriousViolations(ops.page);
    await ops.page.getByLabel("Colleague's name").fill('Ines Costa');
    await ops.page.getByLabel("Colleague's e-mail address").fill(colleagueEmail);
    await ops.page.getByRole('button', { name: 'Create ops account' }).click();
    await ops.page
      .getByRole('alert')
      .filter({ hasText: 'That address already has an ops account.' })
      .waitFor();
    const colleague = await web.stranger();
    await signInByMail(colleague, colleagueEmail);
    expect(await whoAmI(colleague)).toBe('Signed in as Ines Costa · customer success');
    const colleagueAuth = await sessionOf(colleague);
    expect(
      (await api().get('/me/account').set('authorization', colleagueAuth).expect(200)).body,
    ).toMatchObject({ role: 'ops', name: 'Ines Costa', email: colleagueEmail, brand: null });

    // Signing out forgets the session: the brand's pages send to sign-in; a new link signs in.
    await brand.getByRole('button', { name: 'Sign out' }).click();
    await brand.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await brand.evaluate<string | null>("sessionStorage.getItem('campaign.token')")).toBe(
      null,
    );
    await brand.goto(`${web.url}/brand/team`);
    await brand.getByRole('heading', { name: 'Sign in' }).waitFor();
    await brand.getByLabel('E-mail address').fill(email);
    await brand.getByRole('button', { name: 'E-mail me a sign-in link' }).click();
    await brand.getByRole('status').filter({ hasText: 'a sign-in link is on its way' }).waitFor();
    await signInByMail(brand, email, 2);
    // Back on the page it was going to when it was sent to sign in.
    await brand.getByRole('heading', { name: 'Team', exact: true }).waitFor();
    expect(new URL(brand.url()).pathname).toBe('/brand/team');
    expect(await whoAmI(brand)).toBe(`Signed in as Noor Visser · ${brandName} (Starter)`);
  });
});
