import { randomUUID } from 'node:crypto';
import {
  INFLUENCER_PROFILES_TOPIC,
  InfluencerProfileChanged,
  type CampaignEvent,
} from '@campaign/contracts';
import {
  consumeCampaignEvents,
  consumeInfluencerProfiles,
  createInboxStore,
  createInfluencerAudienceStore,
  createMailOutbox,
  createNewsletterEditions,
  createPrismaAddressBook,
  createPrismaClient,
  createSmtpTransport,
  startMailSender,
  type NotificationsDb,
} from '@campaign/notifications-service';
import { createLogger, influencerKey } from '@campaign/service-runtime';
import { TEST_AUTH_SECRET, eventually, testEnvironment } from '@campaign/testing';
import ExcelJS from 'exceljs';
import type { Consumer } from 'kafkajs';
import request from 'supertest';
import { listParkedEvents } from '@campaign/service-runtime';
import { topicOfOwn } from './system/campaign-events';
import { databaseOfOwn } from './system/database-of-own';
import {
  bearer,
  createBrand,
  createCampaign,
  createInfluencer,
  startCampaignSystem,
  type CampaignSystem,
} from './system/campaign-system';
import { mailbox } from './system/mailbox';

// An influencer's e-mail address and audience live on their profile in the campaign service. Each
// change of a profile leaves, in the transaction that makes it, as an InfluencerProfileChanged
// event; the notifications service keeps the audience and the address from it (it never reads the
// campaign database), and mails the influencer there. Brands never see the address.

const APP = 'https://app.campaign-platform.test';
const FROM = 'Campaign platform <notifications@campaign-platform.test>';
const env = testEnvironment();
const logger = createLogger('influencer-profile-events-test', 'silent');

describe('an influencer’s profile reaches the notifications service (real engines and SMTP)', () => {
  // A notifications database of this file's own: its mail sender takes only these mails, and
  // other files' senders none of them.
  let database: Awaited<ReturnType<typeof databaseOfOwn>>;
  let notifications: NotificationsDb;
  let audience: ReturnType<typeof createInfluencerAudienceStore>;
  let addressBook: ReturnType<typeof createPrismaAddressBook>;
  const mails = mailbox(env.mailWebUrl);
  const profileGroup = `influencer-profile-events-test-${randomUUID()}`;
  const consumers: Consumer[] = [];
  let system: CampaignSystem;
  let campaignTopic: string;
  let sender: ReturnType<typeof startMailSender>;
  let transport: ReturnType<typeof createSmtpTransport>;

  beforeAll(async () => {
    database = await databaseOfOwn('notifications', 'profile_events');
    notifications = createPrismaClient(database.url);
    audience = createInfluencerAudienceStore(notifications);
    addressBook = createPrismaAddressBook(notifications);
    system = await startCampaignSystem('influencer-profile-events-test');
    // The notifications service's consumers: profile changes from the real topic the campaign
    // service's relay sends to; campaign events from a topic of this test's own, so the mails it
    // asks for are the only ones it meets.
    campaignTopic = await topicOfOwn(system.kafka, 'influencer-profile-events-test');
    const started = [
      consumeInfluencerProfiles({ kafka: system.kafka, audience, logger, groupId: profileGroup }),
      consumeCampaignEvents({
        kafka: system.kafka,
        inbox: createInboxStore(notifications),
        newsletter: createNewsletterEditions(notifications, { settleMs: 0 }),
        logger,
        topic: campaignTopic,
        groupId: `influencer-profile-events-test-${randomUUID()}`,
      }),
    ];
    consumers.push(...started.map(({ consumer }) => consumer));
    await Promise.all(started.map(({ running }) => running));
    transport = createSmtpTransport({ ...env.smtp, secure: false }, 5);
    sender = startMailSender({
      outbox: createMailOutbox(notifications),
      addressBook,
      transport,
      from: FROM,
      appBaseUrl: APP,
      unsubscribeUrlFor: async () => `${APP}/unsubscribe`,
      linkSecret: TEST_AUTH_SECRET,
      logger,
      retry: { initialDelayMs: 100, maxDelayMs: 1_000 },
      idleMs: 100,
    });
  });

  afterAll(async () => {
    await sender?.stop();
    transport?.close?.();
    await Promise.all(consumers.map((consumer) => consumer.disconnect()));
    await system?.stop();
    await notifications?.$disconnect();
    await database?.drop();
  });

  function profileOf(id: string, email?: string) {
    return {
      handle: `@p_${id.slice(-12).replace(/-/g, '_')}`,
      displayName: 'Jane Doe',
      niches: ['beauty', 'travel'],
      country: 'NL',
      shippingAddress: { street: 'Keizersgracht 1', city: 'Amsterdam', country: 'NL' },
      ...(email ? { email } : {}),
    };
  }

  const putProfile = async (id: string, body: object, status = 200) =>
    request(system.app)
      .put('/me/profile')
      .set('authorization', await bearer({ role: 'influencer', userId: id }))
      .send(body)
      .expect(status);

  const audienceOf = (id: string) =>
    notifications.influencerAudience.findUnique({ where: { recipientId: influencerKey(id) } });
  const addressOf = async (id: string) =>
    (await addressBook.addressesOf([influencerKey(id)])).get(influencerKey(id)) ?? null;

  /** The profile's events as the campaign service stored them in its outbox, oldest first. */
  const profileEventsOf = async (id: string) =>
    (
      await system.db.campaignEventOutbox.findMany({
        where: { subject: id, topic: INFLUENCER_PROFILES_TOPIC },
        orderBy: { position: 'asc' },
      })
    ).map((row) => InfluencerProfileChanged.parse(row.envelope));

  /** Mails the influencer an agreement (a notification every influencer gets by mail). */
  async function mailAgreement(influencerId: string) {
    const campaignId = randomUUID();
    const event = {
      id: randomUUID(),
      type: 'AgreementSent',
      version: 1,
      occurredAt: new Date().toISOString(),
      subject: campaignId,
      payload: {
        campaignId,
        brandId: 'brand-profile-test',
        title: 'Summer glow',
        influencerId,
        sentAt: new Date().toISOString(),
        deadline: '2026-12-24T12:00:00.000Z',
      },
    } as CampaignEvent;
    await system.events.publish(campaignTopic, [event]);
    await eventually(async () => {
      const rows = await notifications.mailOutbox.findMany({ where: { eventId: event.id } });
      expect(rows).toHaveLength(1);
      expect(rows[0]!.sentAt).not.toBeNull();
    });
    return (await notifications.mailOutbox.findMany({ where: { eventId: event.id } }))[0]!;
  }

  /** Waits until the profile consumer has taken in everything on its topic so far. */
  async function profileConsumerCaughtUp() {
    const admin = system.kafka.admin();
    await admin.connect();
    try {
      await eventually(async () => {
        const ends = await admin.fetchTopicOffsets(INFLUENCER_PROFILES_TOPIC);
        const [committed] = await admin.fetchOffsets({
          groupId: profileGroup,
          topics: [INFLUENCER_PROFILES_TOPIC],
        });
        for (const end of ends) {
          // -1: nothing committed, which is all there is to take in from an empty partition.
          const at = committed!.partitions.find((p) => p.partition === end.partition);
          expect(Math.max(0, Number(at?.offset ?? 0))).toBeGreaterThanOrEqual(Number(end.high));
        }
      });
    } finally {
      await admin.disconnect();
    }
  }

  it('mails an influencer at the address on their profile, follows its changes, and stops when it is removed', async () => {
    const id = `influencer-${randomUUID()}`;
    const first = `${id}@People.Campaign-Platform.TEST`;
    const saved = await putProfile(id, profileOf(id, ` ${first} `));
    // Trimmed, and the (case-blind) domain lower-cased.
    const firstStored = `${id}@people.campaign-platform.test`;
    expect(saved.body.email).toBe(firstStored);
    const shown = await request(system.app)
      .get('/me/profile')
      .set('authorization', await bearer({ role: 'influencer', userId: id }))
      .expect(200);
    expect(shown.body.email).toBe(firstStored);

    // The notifications service learns the audience and the address from the event.
    await eventually(async () => {
      expect(await audienceOf(id)).toMatchObject({
        influencerId: id,
        followers: 0,
        niches: ['beauty', 'travel'],
        country: 'NL',
      });
      expect(await addressOf(id)).toBe(firstStored);
    });
    const [event] = await profileEventsOf(id);
    expect(event!.payload).toMatchObject({ influencerId: id, email: firstStored, followers: 0 });
    expect((await audienceOf(id))!.changedAt.toISOString()).toBe(event!.payload.changedAt);

    const toFirst = await mailAgreement(id);
    expect(toFirst.skipped).toBeNull();
    expect((await mails.to(firstStored)).map((mail) => mail.subject)).toEqual([
      'An agreement for “Summer glow” is waiting for you',
    ]);

    // A new address: the next mail goes there, and not to the old one.
    const second = `${id}@elsewhere.campaign-platform.test`;
    await putProfile(id, profileOf(id, second));
    await eventually(async () => expect(await addressOf(id)).toBe(second));
    await mailAgreement(id);
    expect(await mails.to(second)).toHaveLength(1);
    expect(await mails.to(firstStored)).toHaveLength(1);

    // No address (a PUT replaces the profile): the audience stays known, mail is skipped.
    const removed = await putProfile(id, profileOf(id));
    expect(removed.body).not.toHaveProperty('email');
    await eventually(async () => expect(await addressOf(id)).toBeNull());
    expect(await audienceOf(id)).toMatchObject({ influencerId: id, country: 'NL' });
    const skipped = await mailAgreement(id);
    expect(skipped.skipped).toBe('no address on file');
    expect(await mails.to(second)).toHaveLength(1);
    expect(await mails.to(firstStored)).toHaveLength(1);
  });

  it('announces every change in the transaction that makes it, with a changedAt that grows', async () => {
    const id = `influencer-${randomUUID()}`;
    for (let i = 0; i < 5; i += 1) {
      await putProfile(id, profileOf(id, `${id}-${i}@people.campaign-platform.test`));
    }
    const events = await profileEventsOf(id);
    expect(events.map((event) => event.payload.email)).toEqual(
      [0, 1, 2, 3, 4].map((i) => `${id}-${i}@people.campaign-platform.test`),
    );
    const times = events.map((event) => Date.parse(event.payload.changedAt));
    for (let i = 1; i < times.length; i += 1) expect(times[i]).toBeGreaterThan(times[i - 1]!);

    // A refused edit changes nothing and announces nothing.
    await putProfile(id, { ...profileOf(id), email: 'jane@example.com\r\nBcc: x@y.z' }, 400);
    expect(await profileEventsOf(id)).toHaveLength(5);
  });

  it('changes nothing for a replayed event or an older one', async () => {
    const id = `influencer-${randomUUID()}`;
    await putProfile(id, profileOf(id, `${id}@old.campaign-platform.test`));
    await putProfile(id, {
      ...profileOf(id, `${id}@new.campaign-platform.test`),
      niches: ['food'],
    });
    const [older, newer] = await profileEventsOf(id);
    await eventually(async () => expect(await addressOf(id)).toBe(newer!.payload.email));
    const before = await audienceOf(id);
    expect(before).toMatchObject({ niches: ['food'] });

    // Kafka delivers them again (a replay, a rebalance): the newest, then the older one.
    await system.events.publish(INFLUENCER_PROFILES_TOPIC, [newer!, older!, newer!]);
    await profileConsumerCaughtUp();
    expect(await audienceOf(id)).toEqual(before);
    expect(await addressOf(id)).toBe(newer!.payload.email);
    // Taken in directly too: neither is recorded.
    expect(await audience.record(older!)).toBe('outdated');
    expect(await audience.record(newer!)).toBe('outdated');
    expect(await audienceOf(id)).toEqual(before);
  });

  it('parks a profile change it cannot keep, naming no address, and keeps the changes behind it', async () => {
    const topic = await topicOfOwn(system.kafka, 'influencer-profile-poison-test');
    const groupId = `influencer-profile-poison-test-${randomUUID()}`;
    const started = consumeInfluencerProfiles({
      kafka: system.kafka,
      audience,
      logger,
      groupId,
      topic,
      retry: { attempts: 2, initialDelayMs: 50, maxDelayMs: 100 },
    });
    consumers.push(started.consumer);
    await started.running;
    const id = `influencer-${randomUUID()}`;
    const change = (niches: string[], email: string, at: number) => {
      const changedAt = new Date(Date.now() + at).toISOString();
      return InfluencerProfileChanged.parse({
        id: randomUUID(),
        type: 'InfluencerProfileChanged',
        version: 1,
        occurredAt: changedAt,
        subject: id,
        payload: { influencerId: id, followers: 1_200, niches, country: 'BE', email, changedAt },
      });
    };
    // A NUL byte, which PostgreSQL refuses in text, then a change behind it (same key, same
    // partition).
    const refused = change(['beauty\u0000'], `${id}@refused.campaign-platform.test`, 0);
    const behind = change(['food'], `${id}@behind.campaign-platform.test`, 1);
    await system.events.publish(topic, [refused, behind]);

    await eventually(async () => expect(await addressOf(id)).toBe(behind.payload.email));
    expect(await audienceOf(id)).toMatchObject({ niches: ['food'], followers: 1_200 });
    const parked = await eventually(async () => {
      const all = await listParkedEvents(system.kafka, { groupId });
      expect(all).toHaveLength(1);
      return all[0]!;
    });
    expect(parked).toMatchObject({ eventId: refused.id, type: 'InfluencerProfileChanged' });
    expect(parked.parking.reason).not.toContain(refused.payload.email);
    // Still consuming: its readiness check answers.
    await started.readiness.check();
  });

  it('never shows the e-mail address to a brand: Network, collaborators, their Excel file, board', async () => {
    const brand = await createBrand(system, 'professional');
    const ops = await bearer({ role: 'ops', userId: 'ops-layla' });
    const niche = `n${randomUUID().slice(0, 8)}`;
    const influencer = await createInfluencer(system, {
      niches: [niche],
      followers: 50_000,
      email: `secret-${randomUUID()}@people.campaign-platform.test`,
    });
    const email = (await system.db.influencerProfile.findUniqueOrThrow({
      where: { id: influencer.id },
    }))!.email!;
    expect(email).toMatch(/^secret-/);
    const campaignId = await createCampaign(system, brand.auth);
    const asBrand = (path: string) =>
      request(system.app).get(path).set('authorization', brand.auth).expect(200);

    const network = await asBrand(`/network?campaignId=${campaignId}&niche=${niche}`);
    expect(network.body.items.map((item: { id: string }) => item.id)).toEqual([influencer.id]);
    expect(network.body.items[0]).not.toHaveProperty('email');
    expect(network.text).not.toContain(email);

    // Into a started collaboration, where names and addresses are shown to the brand.
    const act = (caller: string, path: string, body: object = {}) =>
      request(system.app)
        .post(`/campaigns/${campaignId}/${path}`)
        .set('authorization', caller)
        .send(body)
        .expect((response) => expect(response.status).toBeLessThan(300));
    await act(ops, 'manual-additions', { influencerId: influencer.id, reason: 'profile test' });
    await act(brand.auth, 'selection', { influencerIds: [influencer.id], status: 'selected' });
    await act(brand.auth, 'agreements', { influencerIds: [influencer.id] });
    await act(influencer.auth, 'agreement/sign');
    await act(ops, 'close', { reason: 'profile test' });
    await act(brand.auth, 'collaboration');
    await eventually(async () => {
      const started = await asBrand(`/campaigns/${campaignId}/collaborations`);
      expect(started.body.items.map((item: { influencerId: string }) => item.influencerId)).toEqual(
        [influencer.id],
      );
    });

    const collaborators = await asBrand(`/campaigns/${campaignId}/collaborations`);
    expect(collaborators.body.items[0]).not.toHaveProperty('email');
    expect(collaborators.text).not.toContain(email);
    expect((await asBrand(`/campaigns/${campaignId}/board`)).text).not.toContain(email);
    expect((await asBrand(`/campaigns/${campaignId}/results`)).text).not.toContain(email);

    const file = await request(system.app)
      .get(`/campaigns/${campaignId}/collaborations/addresses.xlsx`)
      .set('authorization', brand.auth)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as Parameters<typeof workbook.xlsx.load>[0]);
    const cells = JSON.stringify(workbook.getWorksheet('Shipping addresses')!.getSheetValues());
    expect(cells).toContain(influencer.id.slice(0, 20).replace(/[^A-Za-z0-9]/g, '_'));
    expect(cells).not.toContain(email);
  });
});
