import { randomUUID } from 'node:crypto';
import type { CampaignEvent, NotificationKind } from '@campaign/contracts';
import {
  buildNotificationsApp,
  createNewsletterEditions,
  createNewsletterSubscriptions,
  createUnsubscribeLinks,
  consumeCampaignEvents,
  createInboxStore,
  createMailOutbox,
  createPreferenceStore,
  createPrismaAddressBook,
  createPrismaClient,
  createSmtpTransport,
  startMailSender,
} from '@campaign/notifications-service';
import {
  BODY_LIMIT_BYTES,
  EventPublisher,
  brandTeamKey,
  brandUserKey,
  createKafka,
  createLogger,
  createPrismaIdempotencyStore,
  influencerKey,
  principalKey,
  type Identity,
} from '@campaign/service-runtime';
import { TEST_AUTH_SECRET, eventually, testEnvironment } from '@campaign/testing';
import type { Express } from 'express';
import type { Consumer } from 'kafkajs';
import request from 'supertest';
import { bearer } from './system/campaign-system';
import { topicOfOwn } from './system/campaign-events';
import { databaseOfOwn } from './system/database-of-own';
import { documentedOperations, problemReason, refusalCoverage } from './system/documented-refusals';
import { mailbox } from './system/mailbox';

// Each person chooses per kind whether a notification reaches them in the app only or also by
// e-mail; an agreement to sign always reaches them. Over HTTP on the real notifications API, with
// events through real Kafka, the mail outbox on real PostgreSQL and mail read back from maildev.

const PATH = '/me/notification-preferences';
const EVERY_KIND = [
  'campaign_published',
  'invitation',
  'selection_reminder',
  'agreement_sent',
  'agreement_reminder',
  'agreement_expired',
  'congratulations',
  'bummer',
  'new_message',
  'support_message',
];

describe('notification preferences (real Kafka, PostgreSQL and SMTP server)', () => {
  const env = testEnvironment();
  const logger = createLogger('notification-preferences-test', 'silent');
  const kafka = createKafka('notification-preferences-test', env.kafkaBrokers, logger);
  const events = new EventPublisher(kafka);
  const mails = mailbox(env.mailWebUrl);
  let database: Awaited<ReturnType<typeof databaseOfOwn>>;
  let db: ReturnType<typeof createPrismaClient>;
  let inbox: ReturnType<typeof createInboxStore>;
  let addressBook: ReturnType<typeof createPrismaAddressBook>;
  let app: Express;
  let consumer: Consumer;
  let stopSender: () => Promise<void>;

  beforeAll(async () => {
    // A notifications database of its own: its mail outbox is seen by this file's sender only,
    // and this file's sender never takes another file's mail (notification-mail tests an outage).
    database = await databaseOfOwn('notifications', 'notification_preferences');
    db = createPrismaClient(database.url);
    inbox = createInboxStore(db);
    addressBook = createPrismaAddressBook(db);
    app = buildNotificationsApp({
      logger,
      authSecret: TEST_AUTH_SECRET,
      inbox,
      preferences: createPreferenceStore(db),
      newsletter: {
        subscriptions: createNewsletterSubscriptions(db),
        links: createUnsubscribeLinks({
          authSecret: TEST_AUTH_SECRET,
          publicUrl: 'http://127.0.0.1',
        }),
      },
      idempotencyStore: createPrismaIdempotencyStore(db.idempotencyKey),
      readiness: [],
    });
    const topic = await topicOfOwn(kafka, 'notification-preferences-test');
    const started = consumeCampaignEvents({
      kafka,
      inbox,
      newsletter: createNewsletterEditions(db, { settleMs: 0 }),
      logger,
      topic,
      groupId: `notification-preferences-test-${randomUUID()}`,
    });
    consumer = started.consumer;
    await started.running;
    publish = (sent) => events.publish(topic, sent);
    const transport = createSmtpTransport({ ...env.smtp, secure: false }, 5);
    const sender = startMailSender({
      outbox: createMailOutbox(db),
      addressBook,
      transport,
      from: 'Campaign platform <notifications@campaign-platform.test>',
      appBaseUrl: 'https://app.campaign-platform.test',
      unsubscribeUrlFor: async () => 'https://app.campaign-platform.test/unsubscribe',
      linkSecret: TEST_AUTH_SECRET,
      logger,
      retry: { initialDelayMs: 100, maxDelayMs: 1_000 },
      idleMs: 100,
    });
    stopSender = async () => {
      await sender.stop();
      transport.close?.();
    };
  });

  afterAll(async () => {
    await stopSender();
    await consumer.disconnect();
    await events.disconnect();
    await db.$disconnect();
    await database.drop();
  });

  let publish: (sent: CampaignEvent[]) => Promise<unknown>;

  /** A person of the given role with an address on file, unique to the test. */
  async function person(role: 'influencer' | 'brand' | 'ops', userId = `u-${randomUUID()}`) {
    const identity: Identity =
      role === 'brand' ? { role, userId, brandId: `brand-${randomUUID()}` } : { role, userId };
    const key = principalKey(identity);
    const email = `${randomUUID()}@people.campaign-platform.test`;
    await addressBook.remember([{ recipientId: key, email }]);
    return { identity, key, email, auth: await bearer(identity) };
  }

  const get = (auth: string) => request(app).get(PATH).set('authorization', auth);
  const put = (auth: string, body: unknown, key?: string) => {
    const call = request(app).put(PATH).set('authorization', auth);
    if (key) call.set('idempotency-key', key);
    return call.send(body as object);
  };
  const deliveryOf = (body: { items: { kind: string; delivery: string }[] }) =>
    Object.fromEntries(body.items.map((item) => [item.kind, item.delivery]));
  const rowsOf = (recipientId: string) =>
    db.notificationPreference.findMany({
      where: { recipientId },
      select: { kind: true, email: true },
      orderBy: { kind: 'asc' },
    });

  function campaignEvent(type: CampaignEvent['type'], payload: Record<string, unknown>) {
    const campaignId = randomUUID();
    return {
      id: randomUUID(),
      type,
      version: 1,
      occurredAt: new Date().toISOString(),
      subject: campaignId,
      payload: { campaignId, brandId: 'brand-prefs-test', title: 'Summer glow', ...payload },
    } as CampaignEvent;
  }

  /** Waits until every mail the event owes is sent (or skipped), then a little more. */
  async function settled(eventId: string, owed: number) {
    await eventually(async () => {
      const rows = await db.mailOutbox.findMany({ where: { eventId } });
      expect(rows).toHaveLength(owed);
      expect(rows.every((row) => row.sentAt !== null)).toBe(true);
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  const subjects = async (email: string) => (await mails.to(email)).map((mail) => mail.subject);

  it('lists every kind but the newsletter, each in the app and by e-mail until chosen, agreements must-reach', async () => {
    const jane = await person('influencer');
    const { status, body } = await get(jane.auth);
    expect(status).toBe(200);
    expect(body.items).toEqual(
      EVERY_KIND.map((kind) => ({
        kind,
        delivery: 'in_app_and_email',
        mustReach: kind === 'agreement_sent' || kind === 'agreement_reminder',
      })),
    );
    expect(await rowsOf(jane.key)).toEqual([]);
  });

  it('keeps a kind set to in-app out of the mail, still in the inbox, while a kind left alone is mailed', async () => {
    const [jane, sam] = [await person('influencer'), await person('influencer')];
    const changed = await put(jane.auth, { bummer: 'in_app' });
    expect(changed.status).toBe(200);
    expect(deliveryOf(changed.body)).toMatchObject({
      bummer: 'in_app',
      congratulations: 'in_app_and_email',
    });
    expect(await rowsOf(jane.key)).toEqual([{ kind: 'bummer', email: false }]);

    const at = new Date().toISOString();
    const passedOver = campaignEvent('InfluencersPassedOver', {
      influencerIds: [jane.identity.userId, sam.identity.userId],
      at,
    });
    const joined = campaignEvent('CollaboratorsJoined', {
      influencerIds: [jane.identity.userId],
      startedAt: at,
    });
    const agreement = campaignEvent('AgreementSent', {
      influencerId: jane.identity.userId,
      sentAt: at,
      deadline: '2026-12-24T12:00:00.000Z',
    });
    await publish([passedOver, joined, agreement]);
    // Sam left the bummer alone: only Sam's is owed. Jane's congratulations and agreement are.
    await settled(passedOver.id, 1);
    await settled(joined.id, 1);
    await settled(agreement.id, 1);

    const outbox = await db.mailOutbox.findMany({ where: { eventId: passedOver.id } });
    expect(outbox.map((row) => row.recipientId)).toEqual([sam.key]);
    const inboxOfJane = await request(app).get('/notifications').set('authorization', jane.auth);
    expect(inboxOfJane.body.items.map((item: { kind: string }) => item.kind).sort()).toEqual([
      'agreement_sent',
      'bummer',
      'congratulations',
    ]);
    expect((await subjects(jane.email)).sort()).toEqual([
      'An agreement for “Summer glow” is waiting for you',
      'Congratulations! You are in “Summer glow”',
    ]);
    expect(await subjects(sam.email)).toEqual(['Bummer: “Summer glow” went ahead without you']);

    // Choosing e-mail again applies to what comes next, not to what was already stored.
    await put(jane.auth, { bummer: 'in_app_and_email' }).expect(200);
    await inbox.deliver(passedOver.id, [
      {
        recipientId: jane.key,
        kind: 'bummer',
        title: 'Bummer: “Summer glow” went ahead without you',
        body: 'redelivered',
        campaignId: null,
      },
    ]);
    expect(await db.mailOutbox.count({ where: { eventId: passedOver.id } })).toBe(1);
    const later = campaignEvent('InfluencersPassedOver', {
      influencerIds: [jane.identity.userId],
      at,
    });
    await inbox.deliver(later.id, [
      { recipientId: jane.key, kind: 'bummer', title: 'Bummer', body: 'b', campaignId: null },
    ]);
    await settled(later.id, 1);
  });

  it('refuses to keep an agreement to sign out of the mail (422), storing nothing of the request', async () => {
    const jane = await person('influencer');
    await put(jane.auth, { invitation: 'in_app' }).expect(200);
    const before = await get(jane.auth);

    const refused = await put(jane.auth, { bummer: 'in_app', agreement_reminder: 'in_app' });
    expect({ status: refused.status, type: refused.type }).toEqual({
      status: 422,
      type: 'application/problem+json',
    });
    expect(refused.body.title).toBe('Must reach you');
    expect(problemReason(refused.body)).toMatch(
      /agreement_reminder always reaches you by e-mail too: an agreement waiting for your signature/,
    );
    expect(problemReason(refused.body)).toMatch(/body\.agreement_reminder: /);
    expect(await rowsOf(jane.key)).toEqual([{ kind: 'invitation', email: false }]);
    expect((await get(jane.auth)).body).toEqual(before.body);

    // Saying e-mail for it is allowed and changes nothing: it is not a choice.
    const allowed = await put(jane.auth, { agreement_sent: 'in_app_and_email' }).expect(200);
    expect(allowed.body).toEqual(before.body);
    expect(await rowsOf(jane.key)).toEqual([{ kind: 'invitation', email: false }]);
  });

  it('mails an agreement to sign even if a row said otherwise', async () => {
    const jane = await person('influencer');
    // No request can store this; a row written by hand (or by an older release) must not matter.
    await db.notificationPreference.create({
      data: { recipientId: jane.key, kind: 'agreement_sent', email: false },
    });
    const eventId = randomUUID();
    await inbox.deliver(eventId, [
      { recipientId: jane.key, kind: 'agreement_sent', title: 'Sign', body: 'b', campaignId: null },
    ]);
    await settled(eventId, 1);
    expect(await subjects(jane.email)).toHaveLength(1);
  });

  it('keeps the preferences of two people with one user id apart, in every role', async () => {
    const userId = `u1-${randomUUID()}`;
    const influencer = await person('influencer', userId);
    const brandUser = await person('brand', userId);
    const ops = await person('ops', userId);
    await put(influencer.auth, { bummer: 'in_app' }).expect(200);
    await put(brandUser.auth, { selection_reminder: 'in_app', new_message: 'in_app' }).expect(200);

    expect(deliveryOf((await get(influencer.auth)).body)).toMatchObject({
      bummer: 'in_app',
      selection_reminder: 'in_app_and_email',
    });
    expect(deliveryOf((await get(brandUser.auth)).body)).toMatchObject({
      bummer: 'in_app_and_email',
      selection_reminder: 'in_app',
    });
    expect(
      Object.values(deliveryOf((await get(ops.auth)).body)).every((d) => d === 'in_app_and_email'),
    ).toBe(true);

    // The mail follows each one's own choice; a brand's team inbox is nobody's and is mailed.
    const brandId = (brandUser.identity as { brandId: string }).brandId;
    expect(brandUser.key).toBe(brandUserKey(brandId, userId));
    expect(influencer.key).toBe(influencerKey(userId));
    const eventId = randomUUID();
    const draft = (recipientId: string, kind: NotificationKind) => ({
      recipientId,
      kind,
      title: 'T',
      body: 'b',
      campaignId: null,
    });
    await inbox.deliver(eventId, [
      draft(influencer.key, 'bummer'),
      draft(brandUser.key, 'bummer'),
      draft(ops.key, 'bummer'),
    ]);
    const teamEvent = randomUUID();
    await inbox.deliver(teamEvent, [draft(brandTeamKey(brandId), 'new_message')]);
    const owed = await db.mailOutbox.findMany({
      where: { eventId },
      orderBy: { recipientId: 'asc' },
    });
    expect(owed.map((row) => row.recipientId).sort()).toEqual([brandUser.key, ops.key].sort());
    expect(await db.mailOutbox.count({ where: { eventId: teamEvent } })).toBe(1);
    expect(await db.notification.count({ where: { eventId } })).toBe(3);
  });

  it('replays a change sent again with its Idempotency-Key, and has its effect once', async () => {
    const jane = await person('influencer');
    const key = `prefs-${randomUUID()}`;
    const first = await put(jane.auth, { bummer: 'in_app' }, key).expect(200);
    await put(jane.auth, { bummer: 'in_app_and_email' }).expect(200);

    const replayed = await put(jane.auth, { bummer: 'in_app' }, key).expect(200);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body).toEqual(first.body);
    expect(await rowsOf(jane.key)).toEqual([{ kind: 'bummer', email: true }]);

    const reused = await put(jane.auth, { congratulations: 'in_app' }, key);
    expect({ status: reused.status, title: reused.body.title }).toEqual({
      status: 422,
      title: 'Idempotency-Key reused',
    });
    expect(await rowsOf(jane.key)).toEqual([{ kind: 'bummer', email: true }]);

    // The key is Jane's alone: another person's request with it is a request of their own.
    const sam = await person('influencer', jane.identity.userId.replace('u-', 'v-'));
    const own = await put(sam.auth, { bummer: 'in_app' }, key).expect(200);
    expect(own.headers['idempotent-replayed']).toBeUndefined();
    expect(await rowsOf(sam.key)).toEqual([{ kind: 'bummer', email: false }]);
  });

  describe('refuses bad input with 400 problem+json naming the fault, storing nothing', () => {
    // One refusal per line: the table reads best unwrapped.
    // prettier-ignore
    const rows: { name: string; body: unknown; status: number; says: RegExp }[] = [
      { name: 'an unknown kind', body: { bummer: 'in_app', birthday: 'in_app' }, status: 400, says: /Unrecognized key: "birthday"/ },
      { name: 'the newsletter (its own subscription)', body: { bummer: 'in_app', newsletter: 'in_app' }, status: 400, says: /"newsletter"/ },
      { name: 'a delivery that does not exist', body: { bummer: 'email_only' }, status: 400, says: /body\.bummer: / },
      { name: 'a delivery that is not text', body: { bummer: false }, status: 400, says: /body\.bummer: / },
      { name: 'a NUL byte in a value', body: { bummer: 'in_app\u0000' }, status: 400, says: /body\.bummer: must not contain NUL/ },
      { name: 'a NUL byte in a kind', body: { bummer: 'in_app', 'bummer\u0000': 'in_app' }, status: 400, says: /body: a key must not contain NUL/ },
      { name: 'a list instead of a map', body: [{ kind: 'bummer', delivery: 'in_app' }], status: 400, says: /body: / },
      { name: 'a huge value under the body limit', body: { bummer: 'in_app', [`k${'x'.repeat(90_000)}`]: 'in_app' }, status: 400, says: /Unrecognized key/ },
      { name: 'a body over the limit', body: { bummer: 'in_app', pad: 'x'.repeat(BODY_LIMIT_BYTES) }, status: 413, says: /exceeds the limit of 102400 bytes/ },
    ];

    it.each(rows.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
      const jane = await person('influencer');
      const response = await put(jane.auth, row.body, `bad-${randomUUID()}`);
      expect({ status: response.status, type: response.type }).toEqual({
        status: row.status,
        type: 'application/problem+json',
      });
      expect(problemReason(response.body)).toMatch(row.says);
      expect(await rowsOf(jane.key)).toEqual([]);
      expect(deliveryOf((await get(jane.auth)).body).bummer).toBe('in_app_and_email');
    });

    it('refuses a change without a body', async () => {
      const jane = await person('influencer');
      const response = await request(app).put(PATH).set('authorization', jane.auth);
      expect(response.status).toBe(400);
      expect(problemReason(response.body)).toMatch(/needs a JSON body/);
    });
  });

  it('declares exactly the refusals of its own rules that it gives, and asks a token', async () => {
    const documented = (await documentedOperations(app)).filter(({ path }) => path === PATH);
    expect(documented.map(({ method }) => method).sort()).toEqual(['GET', 'PUT']);
    const asked = [{ op: `PUT ${PATH}`, status: 422 }];
    expect(refusalCoverage(documented, asked)).toEqual({ unasked: [], undeclared: [] });
    for (const method of ['get', 'put'] as const) {
      const response = await request(app)[method](PATH);
      expect({ status: response.status, type: response.type }).toEqual({
        status: 401,
        type: 'application/problem+json',
      });
    }
  });
});
