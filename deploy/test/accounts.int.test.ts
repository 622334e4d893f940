import { randomUUID } from 'node:crypto';
import {
  createAccountStore,
  createInfluencerProfileStore,
  hashSignInCode,
} from '@campaign/campaign-service';
import { ACCOUNTS_TOPIC } from '@campaign/contracts';
import {
  consumeAccountEvents,
  createAccountMailStore,
  createMailOutbox,
  createPrismaAddressBook,
  createPrismaClient,
  createSmtpTransport,
  startMailSender,
  type NotificationsDb,
} from '@campaign/notifications-service';
import { brandTeamKey, brandUserKey, createLogger } from '@campaign/service-runtime';
import { TEST_AUTH_SECRET, eventually, testEnvironment } from '@campaign/testing';
import type { Consumer } from 'kafkajs';
import request from 'supertest';
import { ensureFirstOpsAccount } from '../src/first-ops-account';
import { databaseOfOwn } from './system/database-of-own';
import {
  TEST_WEB_APP_URL,
  bearer,
  createCampaign,
  startCampaignSystem,
  type CampaignSystem,
} from './system/campaign-system';
import { mailbox, type DeliveredMail } from './system/mailbox';

// Accounts end to end on the real engines: a person signs up or asks for a link over the campaign
// API; the campaign service stores the code's hash and an account event (the link sealed in it)
// in one transaction; its relay sends the event to Kafka; the notifications service keeps the
// address and the mail (no inbox notification) and its sender, the only place the link is ever
// opened, mails it to a real SMTP server (maildev). The code from that mail signs in once.

const FROM = 'Campaign platform <notifications@campaign-platform.test>';
const env = testEnvironment();
const logger = createLogger('accounts-test', 'silent');
const LINK = new RegExp(
  `${TEST_WEB_APP_URL.replace(/\./g, '\\.')}/sign-in\\?code=([A-Za-z0-9_-]+)`,
  'g',
);

const address = (who: string) => `${who}-${randomUUID()}@accounts.campaign-platform.test`;

describe('accounts: sign-up, sign-in by e-mail link, teams and plans (real engines and SMTP)', () => {
  let database: Awaited<ReturnType<typeof databaseOfOwn>>;
  let notifications: NotificationsDb;
  let system: CampaignSystem;
  const consumers: Consumer[] = [];
  let sender: ReturnType<typeof startMailSender>;
  let transport: ReturnType<typeof createSmtpTransport>;
  const mails = mailbox(env.mailWebUrl);
  /** Every code and link mailed in this file: none may be stored or sent in clear anywhere. */
  const mailed = new Set<string>();
  /** Every answer the API gave in this file. */
  const answers: string[] = [];
  const ops = () => bearer({ role: 'ops', userId: `ops-${randomUUID()}` });

  beforeAll(async () => {
    database = await databaseOfOwn('notifications', 'accounts');
    notifications = createPrismaClient(database.url);
    system = await startCampaignSystem('accounts-test', { requestsPerClientPerMinute: 1_000 });
    const started = consumeAccountEvents({
      kafka: system.kafka,
      accountMails: createAccountMailStore(notifications, { onOwed: () => sender?.wake() }),
      logger,
      groupId: `accounts-test-${randomUUID()}`,
    });
    consumers.push(started.consumer);
    await started.running;
    transport = createSmtpTransport({ ...env.smtp, secure: false }, 5);
    sender = startMailSender({
      outbox: createMailOutbox(notifications),
      addressBook: createPrismaAddressBook(notifications),
      transport,
      from: FROM,
      appBaseUrl: TEST_WEB_APP_URL,
      unsubscribeUrlFor: async () => `${TEST_WEB_APP_URL}/unsubscribe`,
      linkSecret: TEST_AUTH_SECRET,
      logger,
      retry: { initialDelayMs: 100, maxDelayMs: 1_000 },
      idleMs: 100,
    });
  }, 120_000);

  afterAll(async () => {
    await sender?.stop();
    transport?.close?.();
    await Promise.all(consumers.map((consumer) => consumer.disconnect()));
    await system?.stop();
    await notifications?.$disconnect();
    await database?.drop();
  });

  async function call(
    method: 'get' | 'post' | 'put',
    path: string,
    options: { auth?: string; body?: object; key?: string } = {},
  ) {
    let req = request(system.app)[method](path);
    if (options.auth) req = req.set('authorization', options.auth);
    if (options.key) req = req.set('idempotency-key', options.key);
    const response = await (options.body ? req.send(options.body) : req);
    answers.push(JSON.stringify(response.body));
    return response;
  }

  /** The mails maildev received for an address, once there are `count` of them. */
  async function mailsTo(email: string, count = 1): Promise<DeliveredMail[]> {
    return eventually(async () => {
      const received = await mails.to(email);
      expect(received).toHaveLength(count);
      return received;
    });
  }

  /** The codes of a mail's links, in its order; each remembered as mailed. */
  function codesOf(mail: DeliveredMail): string[] {
    const codes = [...mail.text.matchAll(LINK)].map((match) => match[1]!);
    for (const match of mail.text.matchAll(LINK)) mailed.add(match[0]);
    for (const code of codes) mailed.add(code);
    return codes;
  }

  async function signIn(code: string) {
    const session = await call('post', '/sign-in/sessions', { body: { code } });
    expect(session.status).toBe(200);
    return {
      auth: `Bearer ${session.body.token as string}`,
      identity: session.body.identity as { role: string; userId: string; brandId?: string },
      expiresAt: session.body.expiresAt as string,
    };
  }

  async function signUpBrand(brandName: string) {
    const email = address('brand');
    const signUp = await call('post', '/accounts/brands', {
      body: { brandName, name: 'Ava Jansen', email },
    });
    expect(signUp.status).toBe(202);
    expect(signUp.body).toEqual({ status: 'link_sent' });
    const [mail] = await mailsTo(email);
    expect(mail!.subject).toBe('Welcome to the campaign platform');
    const [code] = codesOf(mail!);
    return { email, ...(await signIn(code!)) };
  }

  it('a brand signs up, signs in from the mail, starts on Starter, and the Network opens once ops change its plan (audited)', async () => {
    const ava = await signUpBrand('Sunny Skincare');
    expect(ava.identity).toEqual({
      role: 'brand',
      userId: expect.any(String),
      brandId: expect.any(String),
    });
    expect(Date.parse(ava.expiresAt)).toBeGreaterThan(Date.now() + 11 * 60 * 60 * 1000);

    const me = await call('get', '/me/account', { auth: ava.auth });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      role: 'brand',
      userId: ava.identity.userId,
      name: 'Ava Jansen',
      email: ava.email,
      brand: { id: ava.identity.brandId, name: 'Sunny Skincare', plan: 'starter' },
    });

    // The plan the API enforces is the stored one: Starter has no Network.
    const campaignId = await createCampaign(system, ava.auth);
    const refused = await call('get', `/network?campaignId=${campaignId}`, { auth: ava.auth });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/Starter/);

    const layla = await ops();
    const listed = await call('get', '/ops/brands?limit=500', { auth: layla });
    expect(listed.body.items).toContainEqual(
      expect.objectContaining({
        id: ava.identity.brandId,
        name: 'Sunny Skincare',
        plan: 'starter',
        userCount: 1,
      }),
    );
    const changed = await call('put', `/ops/brands/${ava.identity.brandId}/plan`, {
      auth: layla,
      body: { plan: 'professional', reason: 'Signed the yearly contract' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: ava.identity.brandId, plan: 'professional' });

    const network = await call('get', `/network?campaignId=${campaignId}`, { auth: ava.auth });
    expect(network.status).toBe(200);
    const meAgain = await call('get', '/me/account', { auth: ava.auth });
    expect(meAgain.body.brand.plan).toBe('professional');

    const audit = await call('get', `/ops/brands/${ava.identity.brandId}/plan-changes`, {
      auth: layla,
    });
    expect(audit.body.items).toEqual([
      {
        id: expect.any(String),
        brandId: ava.identity.brandId,
        actor: expect.stringMatching(/^ops\//),
        fromPlan: 'starter',
        toPlan: 'professional',
        reason: 'Signed the yearly contract',
        at: expect.any(String),
      },
    ]);
    // Only ops read the audit and change plans.
    expect(
      (await call('get', `/ops/brands/${ava.identity.brandId}/plan-changes`, { auth: ava.auth }))
        .status,
    ).toBe(403);
    // The brand's mail (its team inbox too) goes where its first user's account says.
    const book = createPrismaAddressBook(notifications);
    const keys = [
      brandUserKey(ava.identity.brandId!, ava.identity.userId),
      brandTeamKey(ava.identity.brandId!),
    ];
    expect([...(await book.addressesOf(keys)).values()]).toEqual([ava.email, ava.email]);
  });

  it('a code signs in once, and not after 15 minutes', async () => {
    const { email } = await signUpBrand('Corner Bakery');
    const again = await call('post', '/sign-in/links', { body: { email } });
    expect(again.status).toBe(202);
    const second = (await mailsTo(email, 2)).find((mail) => mail.subject === 'Your sign-in link')!;
    const [code] = codesOf(second);
    await signIn(code!);
    const reused = await call('post', '/sign-in/sessions', { body: { code } });
    expect(reused.status).toBe(400);
    expect(reused.type).toBe('application/problem+json');
    expect(reused.body.title).toBe('This sign-in link is no longer valid');

    // Another link, whose 15 minutes have passed (its expiry set in the store, as time would).
    await call('post', '/sign-in/links', { body: { email } });
    const third = (await mailsTo(email, 3)).find(
      (mail) => mail.subject === 'Your sign-in link' && mail.id !== second.id,
    )!;
    const [late] = codesOf(third);
    const expired = await system.db.signInCode.update({
      where: { codeHash: hashSignInCode(late!) as Uint8Array<ArrayBuffer> },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    expect(expired.usedAt).toBeNull();
    const tooLate = await call('post', '/sign-in/sessions', { body: { code: late } });
    expect(tooLate.status).toBe(400);
    expect(tooLate.body.title).toBe('This sign-in link is no longer valid');
    // A code never issued gets the same answer.
    const unknown = await call('post', '/sign-in/sessions', {
      body: { code: 'x'.repeat(43) },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.title).toBe('This sign-in link is no longer valid');
  });

  it('an unknown address gets the same answer and no mail', async () => {
    const nobody = address('nobody');
    const asked = await call('post', '/sign-in/links', { body: { email: nobody } });
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ status: 'link_sent' });
    // A mail asked for later, to a known address, arrives: the pipeline is not just slow.
    const { email } = await signUpBrand('Proof Bakery');
    expect(await mails.to(email)).toHaveLength(1);
    expect(await mails.to(nobody)).toEqual([]);
    const [{ hits }] = await system.db.$queryRaw<[{ hits: bigint }]>`
      SELECT count(*) AS hits FROM campaign_event_outbox WHERE envelope::text LIKE ${`%${nobody}%`}`;
    expect(Number(hits)).toBe(0);
  });

  it('signing up again with an address that has an account answers the same and mails its links', async () => {
    const { email, identity } = await signUpBrand('First Brand');
    const again = await call('post', '/accounts/brands', {
      body: { brandName: 'Second Brand', name: 'Ava', email },
    });
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ status: 'link_sent' });
    const mail = (await mailsTo(email, 2)).find(
      (m) => m.subject === 'You already have an account',
    )!;
    const [code] = codesOf(mail);
    expect((await signIn(code!)).identity).toEqual(identity);
    expect(await system.db.brand.count({ where: { name: 'Second Brand' } })).toBe(0);
  });

  it('an address that is an influencer and a brand user gets one mail with a link for each', async () => {
    const email = address('both');
    const handle = `@both_${randomUUID().slice(0, 8)}`;
    expect(
      (
        await call('post', '/accounts/influencers', {
          body: { displayName: 'Jane Doe', handle, email, country: 'NL' },
        })
      ).status,
    ).toBe(202);
    expect(
      (
        await call('post', '/accounts/brands', {
          body: { brandName: 'Jane Co', name: 'Jane', email },
        })
      ).status,
    ).toBe(202);
    await mailsTo(email, 2);
    expect((await call('post', '/sign-in/links', { body: { email } })).status).toBe(202);
    const mail = (await mailsTo(email, 3)).find((m) => m.subject === 'Your sign-in link')!;
    expect(mail.text).toContain('your influencer account:');
    expect(mail.text).toContain('Jane Co (brand):');
    const [influencerCode, brandCode] = codesOf(mail);
    const influencer = await signIn(influencerCode!);
    const brand = await signIn(brandCode!);
    expect(influencer.identity.role).toBe('influencer');
    expect(brand.identity.role).toBe('brand');

    // The influencer's profile was started at sign-up, announced as every profile is.
    const profile = await call('get', '/me/profile', { auth: influencer.auth });
    expect(profile.body).toMatchObject({ handle, displayName: 'Jane Doe', country: 'NL', email });
    expect(profile.body.shippingAddress).toBeUndefined();
    const taken = await call('post', '/accounts/influencers', {
      body: { displayName: 'Copycat', handle, email: address('copycat'), country: 'BE' },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.title).toBe('That handle is taken');
  });

  it('a brand invites a teammate, who signs in to the same brand; only the team sees the addresses', async () => {
    const ava = await signUpBrand('Globe Travel');
    const email = address('teammate');
    const key = `invite-${randomUUID()}`;
    const invite = () =>
      call('post', '/brand/team/invitations', {
        auth: ava.auth,
        key,
        body: { name: 'Eli Visser', email },
      });
    const invited = await invite();
    expect(invited.status).toBe(201);
    expect(invited.body).toEqual({
      userId: expect.any(String),
      name: 'Eli Visser',
      email,
      joinedAt: null,
    });
    // A retry with the same key has the effect once.
    expect((await invite()).body).toEqual(invited.body);
    expect(await system.db.account.count({ where: { email } })).toBe(1);

    const [mail] = await mailsTo(email);
    expect(mail!.subject).toBe('Ava Jansen invited you to Globe Travel on the campaign platform');
    const eli = await signIn(codesOf(mail!)[0]!);
    expect(eli.identity).toEqual({
      role: 'brand',
      userId: invited.body.userId,
      brandId: ava.identity.brandId,
    });

    const team = await call('get', '/brand/team', { auth: eli.auth });
    expect(team.body.items).toEqual([
      {
        userId: ava.identity.userId,
        name: 'Ava Jansen',
        email: ava.email,
        joinedAt: expect.any(String),
      },
      { userId: eli.identity.userId, name: 'Eli Visser', email, joinedAt: expect.any(String) },
    ]);
    const again = await call('post', '/brand/team/invitations', {
      auth: ava.auth,
      body: { name: 'Eli', email },
    });
    expect(again.status).toBe(409);
    // Another brand sees only its own team; an influencer no team at all.
    const other = await signUpBrand('Other Brand');
    const theirs = await call('get', '/brand/team', { auth: other.auth });
    expect(JSON.stringify(theirs.body)).not.toContain(email);
    expect(
      (
        await call('get', '/brand/team', {
          auth: await bearer({ role: 'influencer', userId: 'x' }),
        })
      ).status,
    ).toBe(403);
  });

  it('ops create an ops account, which signs in as ops', async () => {
    const email = address('ops');
    const created = await call('post', '/ops/accounts', {
      auth: await ops(),
      body: { name: 'Noor de Vries', email },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ userId: expect.any(String), name: 'Noor de Vries', email });
    const [mail] = await mailsTo(email);
    expect(mail!.subject).toBe('Your customer success account');
    const noor = await signIn(codesOf(mail!)[0]!);
    expect(noor.identity).toEqual({ role: 'ops', userId: created.body.userId });
    const me = await call('get', '/me/account', { auth: noor.auth });
    expect(me.body).toEqual({
      role: 'ops',
      userId: created.body.userId,
      name: 'Noor de Vries',
      email,
      brand: null,
    });
    const twice = await call('post', '/ops/accounts', {
      auth: noor.auth,
      body: { name: 'Noor', email },
    });
    expect(twice.status).toBe(409);
    const brandTries = await call('post', '/ops/accounts', {
      auth: await bearer({ role: 'brand', userId: 'u', brandId: 'b' }),
      body: { name: 'Mallory', email: address('mallory') },
    });
    expect(brandTries.status).toBe(403);
  });

  it('an address gets at most five mails in 15 minutes; more requests still answer 202', async () => {
    const { email } = await signUpBrand('Busy Brand');
    for (let i = 0; i < 6; i++) {
      expect((await call('post', '/sign-in/links', { body: { email } })).status).toBe(202);
    }
    // The welcome and four links: five mails, then nothing.
    await mailsTo(email, 5);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await mails.to(email)).toHaveLength(5);
  });

  it('the dev seed makes its brand users as a sign-up does: mailed once, their addresses known by event', async () => {
    const accounts = createAccountStore(system.db, {
      authSecret: TEST_AUTH_SECRET,
      webAppUrl: TEST_WEB_APP_URL,
      profiles: createInfluencerProfileStore(system.db),
    });
    const brandId = `brand-seed-${randomUUID()}`;
    const userId = `ava-${randomUUID()}`;
    const email = address('seeded');
    const seed = {
      brandId,
      brandName: 'Seeded Skincare',
      plan: 'professional' as const,
      userId,
      name: 'Ava',
      email,
    };
    await accounts.ensureBrandUser(seed);
    await accounts.ensureBrandUser(seed);
    const [mail] = await mailsTo(email);
    const ava = await signIn(codesOf(mail!)[0]!);
    expect(ava.identity).toEqual({ role: 'brand', userId, brandId });
    // Run again, the seed keeps the account and mails nothing more.
    expect(
      await system.db.campaignEventOutbox.count({
        where: { topic: ACCOUNTS_TOPIC, subject: userId },
      }),
    ).toBe(1);
    const book = createPrismaAddressBook(notifications);
    expect(await book.addressesOf([brandUserKey(brandId, userId), brandTeamKey(brandId)])).toEqual(
      new Map([
        [brandUserKey(brandId, userId), email],
        [brandTeamKey(brandId), email],
      ]),
    );
    // The first ops account (OPS_EMAIL on the stack, the seed's colleague): made once, kept after.
    const opsEmail = address('first-ops');
    const first = { id: `layla-${randomUUID()}`, name: 'Layla', email: opsEmail };
    expect(await ensureFirstOpsAccount(system.db, TEST_AUTH_SECRET, first)).toBe('created');
    expect(await ensureFirstOpsAccount(system.db, TEST_AUTH_SECRET, first)).toBe('exists');
    const [opsMail] = await mailsTo(opsEmail);
    expect(opsMail!.subject).toBe('Your customer success account');
    expect(opsMail!.text).toContain('/sign-in?code=');
    expect(await system.db.account.findUnique({ where: { id: first.id } })).toMatchObject({
      role: 'ops',
      email: opsEmail,
    });
    // Its demo influencers get accounts without a mail, and sign in by asking for a link.
    const influencerEmail = address('creator');
    const influencerId = `influencer-seed-${randomUUID()}`;
    await accounts.importInfluencerAccounts([
      { id: influencerId, name: 'Creator', email: influencerEmail },
    ]);
    await accounts.importInfluencerAccounts([
      { id: influencerId, name: 'Creator', email: influencerEmail },
    ]);
    expect(
      (await call('post', '/sign-in/links', { body: { email: influencerEmail } })).status,
    ).toBe(202);
    const [link] = await mailsTo(influencerEmail);
    expect((await signIn(codesOf(link!)[0]!)).identity).toEqual({
      role: 'influencer',
      userId: influencerId,
    });
  });

  it('refuses hostile input with a 4xx naming it, and writes nothing', async () => {
    const before = await system.db.account.count();
    const bodies: [string, object][] = [
      ['/accounts/brands', { brandName: 'A\u0000B', name: 'Ava', email: address('nul') }],
      ['/accounts/brands', { brandName: 'x'.repeat(81), name: 'Ava', email: address('long') }],
      ['/accounts/brands', { brandName: 'Brand', name: 'Ava', email: 'not-an-address' }],
      ['/accounts/brands', { brandName: 'Brand', name: 'Ava', email: `${'a'.repeat(250)}@x.test` }],
      [
        '/accounts/brands',
        { brandName: 'Brand', name: 'Ava', email: address('x'), plan: 'enterprise' },
      ],
      [
        '/accounts/influencers',
        { displayName: 'J', handle: 'no-at', email: address('h'), country: 'NL' },
      ],
      [
        '/accounts/influencers',
        { displayName: 'J', handle: '@jj_ok', email: address('c'), country: 'nl' },
      ],
      ['/sign-in/links', { email: 'a@b\u0000.test' }],
      ['/sign-in/sessions', { code: 'short' }],
    ];
    for (const [path, body] of bodies) {
      const response = await call('post', path, { body });
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect(response.type).toBe('application/problem+json');
    }
    const huge = await request(system.app)
      .post('/accounts/brands')
      .set('content-type', 'application/json')
      .send(`{"brandName":"${'x'.repeat(2 * 1024 * 1024)}"}`);
    expect(huge.status).toBe(413);
    expect(await system.db.account.count()).toBe(before);
  });

  it('never holds a code or a link in clear: not in any table, not on Kafka, not in an answer', async () => {
    expect(mailed.size).toBeGreaterThan(10);
    // Every account event on the topic, as raw bytes.
    const seen: Buffer[] = [];
    const reader = system.kafka.consumer({ groupId: `accounts-bytes-${randomUUID()}` });
    await reader.connect();
    await reader.subscribe({ topic: ACCOUNTS_TOPIC, fromBeginning: true });
    const ids = (
      await system.db.campaignEventOutbox.findMany({
        where: { topic: ACCOUNTS_TOPIC },
        select: { eventId: true },
      })
    ).map((row) => row.eventId);
    await reader.run({
      eachMessage: async ({ message }) => {
        if (message.value) seen.push(message.value);
      },
    });
    await eventually(() => {
      const text = Buffer.concat(seen).toString();
      expect(ids.every((id) => text.includes(id))).toBe(true);
      return Promise.resolve();
    });
    await reader.disconnect();
    const onKafka = Buffer.concat(seen);
    const campaignTables = await system.db.$queryRaw<{ text: string }[]>`
      SELECT envelope::text AS text FROM campaign_event_outbox
      UNION ALL SELECT row_to_json(k)::text FROM idempotency_keys k
      UNION ALL SELECT row_to_json(a)::text FROM accounts a
      UNION ALL SELECT row_to_json(c)::text || encode(c.code_hash, 'escape') FROM sign_in_codes c`;
    const notificationTables = await notifications.$queryRaw<{ text: string }[]>`
      SELECT row_to_json(m)::text AS text FROM mail_outbox m
      UNION ALL SELECT row_to_json(a)::text FROM mail_addresses a`;
    const stored = [...campaignTables, ...notificationTables].map((row) => row.text).join('\n');
    expect(stored).toContain('sealedLink');
    for (const secret of mailed) {
      expect(onKafka.includes(Buffer.from(secret))).toBe(false);
      expect(stored).not.toContain(secret);
      expect(answers.join('\n')).not.toContain(secret);
    }
  });
});
