import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Qualifications } from '@campaign/contracts';
import {
  buildNotificationsApp,
  consumeCampaignEvents,
  createInboxStore,
  createMailOutbox,
  createNewsletterEditions,
  createNewsletterSubscriptions,
  createPreferenceStore,
  createPrismaAddressBook,
  createPrismaClient,
  createSmtpTransport,
  createUnsubscribeLinks,
  startMailSender,
  type NewsletterEditions,
  type NotificationsDb,
  startNewsletterComposer,
} from '@campaign/notifications-service';
import {
  EventPublisher,
  createKafka,
  createLogger,
  createPrismaIdempotencyStore,
  influencerKey,
  issueToken,
  type OutboxRelay,
} from '@campaign/service-runtime';
import { TEST_AUTH_SECRET, eventually, testEnvironment } from '@campaign/testing';
import { unmetQualifications } from '@campaign/workflows';
import type { Consumer } from 'kafkajs';
import request from 'supertest';
import { newsletterMoment } from '../src';
import { topicOfOwn } from './system/campaign-events';
import { databaseOfOwn } from './system/database-of-own';
import { mailbox, type DeliveredMail } from './system/mailbox';

// The end-of-day newsletter, from each campaign's moment on Kafka to the digests in a real SMTP
// server (maildev), and the way out: the one-click link of RFC 8058 and the API.

const APP = 'https://app.campaign-platform.test';
const DAY_MS = 24 * 60 * 60 * 1000;

describe('the end-of-day newsletter (real Kafka, PostgreSQL and SMTP server)', () => {
  const env = testEnvironment();
  const logger = createLogger('newsletter-test', 'silent');
  const kafka = createKafka('newsletter-test', env.kafkaBrokers, logger);
  // A notifications database of this file's own: its sender takes only these digests, and
  // other files' senders none of them.
  let database: Awaited<ReturnType<typeof databaseOfOwn>>;
  let db: NotificationsDb;
  let editions: NewsletterEditions;
  let subscriptions: ReturnType<typeof createNewsletterSubscriptions>;
  let addressBook: ReturnType<typeof createPrismaAddressBook>;
  const events = new EventPublisher(kafka);
  const mails = mailbox(env.mailWebUrl);
  const relays: OutboxRelay[] = [];
  let consumer: Consumer;
  let topic: string;
  let server: Server;
  let api: string;

  // Days of editions far in the past: the moment has come.
  let nextDay = Date.UTC(1950, 0, 1) + Math.floor(Math.random() * 20_000) * DAY_MS;
  const newDay = () => {
    const day = new Date(nextDay).toISOString().slice(0, 10);
    nextDay += 2 * DAY_MS; // the day after each stays free for what rolls over
    return day;
  };

  beforeAll(async () => {
    database = await databaseOfOwn('notifications', 'newsletter');
    db = createPrismaClient(database.url);
    editions = createNewsletterEditions(db, { settleMs: 1_000 });
    subscriptions = createNewsletterSubscriptions(db);
    addressBook = createPrismaAddressBook(db);
    topic = await topicOfOwn(kafka, 'newsletter-test');
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const links = createUnsubscribeLinks({ authSecret: TEST_AUTH_SECRET, publicUrl: api });
    server.on(
      'request',
      buildNotificationsApp({
        logger,
        authSecret: TEST_AUTH_SECRET,
        inbox: createInboxStore(db),
        newsletter: { subscriptions, links },
        preferences: createPreferenceStore(db),
        idempotencyStore: createPrismaIdempotencyStore(db.idempotencyKey),
        readiness: [],
      }),
    );
    const started = consumeCampaignEvents({
      kafka,
      inbox: createInboxStore(db),
      newsletter: editions,
      logger,
      topic,
      groupId: `newsletter-test-${randomUUID()}`,
    });
    consumer = started.consumer;
    await started.running;
    const transport = createSmtpTransport({ ...env.smtp, secure: false }, 5);
    const sender = startMailSender({
      outbox: createMailOutbox(db),
      addressBook,
      transport,
      from: 'Campaign platform <newsletter@campaign-platform.test>',
      appBaseUrl: APP,
      unsubscribeUrlFor: (recipientId) => links.urlFor(recipientId),
      linkSecret: TEST_AUTH_SECRET,
      logger,
      retry: { initialDelayMs: 100, maxDelayMs: 1_000 },
      idleMs: 100,
    });
    relays.push(
      startNewsletterComposer({ editions, logger, idleMs: 100, onComposed: () => sender.wake() }),
      { wake: sender.wake, stop: async () => (await sender.stop(), transport.close?.()) },
    );
  });

  afterAll(async () => {
    await Promise.all(relays.map((relay) => relay.stop()));
    await consumer.disconnect();
    await events.disconnect();
    await new Promise((resolve) => server.close(resolve));
    await db.$disconnect();
    await database.drop();
  });

  /** An influencer of the network as the notifications service knows them, with an address. */
  async function influencer(followers: number, niches: string[], country: string) {
    const id = `newsletter-${randomUUID()}`;
    const recipientId = influencerKey(id);
    const email = `${id}@people.campaign-platform.test`;
    await db.$executeRaw`
      INSERT INTO influencer_audience (recipient_id, influencer_id, followers, niches, country, changed_at)
      VALUES (${recipientId}, ${id}, ${followers}, ${niches}, ${country}, now())`;
    await addressBook.remember([{ recipientId, email }]);
    return {
      id,
      recipientId,
      email,
      profile: { followers, niches, country },
      token: await issueToken({ role: 'influencer', userId: id }, TEST_AUTH_SECRET),
    };
  }
  type Influencer = Awaited<ReturnType<typeof influencer>>;

  function newsletterDue(day: string, title: string, qualifications: Qualifications) {
    const event = newsletterMoment({
      day,
      title,
      brandId: 'brand-newsletter-test',
      qualifications,
    });
    return { campaignId: event.payload.campaignId, title, qualifications, event };
  }

  const editionOf = (day: string) =>
    db.newsletterEdition.findUnique({ where: { day: new Date(day) } });

  async function composed(day: string) {
    return eventually(async () => {
      const edition = await editionOf(day);
      expect(edition?.composedAt ?? null).not.toBeNull();
      return edition!;
    });
  }

  /** The digests of an edition among these people, by recipient. */
  async function digestsOf(day: string, people: Influencer[]) {
    const edition = await composed(day);
    const rows = await db.notification.findMany({
      where: { eventId: edition.eventId, recipientId: { in: people.map((p) => p.recipientId) } },
    });
    return new Map(rows.map((row) => [row.recipientId, row]));
  }

  /** Waits until every digest of these people is marked sent; then their mails are in maildev. */
  async function delivered(day: string, people: Influencer[]) {
    const edition = await composed(day);
    await eventually(async () => {
      const owed = await db.mailOutbox.count({
        where: {
          eventId: edition.eventId,
          recipientId: { in: people.map((p) => p.recipientId) },
          sentAt: null,
        },
      });
      expect(owed).toBe(0);
    });
  }

  const digestMails = async (person: Influencer): Promise<DeliveredMail[]> =>
    (await mails.to(person.email)).filter((mail) => /campaigns? for you today/.test(mail.subject));

  it('sends each subscribed influencer one digest of the day’s campaigns they qualify for, and none to one who qualifies for none', async () => {
    const day = newDay();
    const fashionFr = await influencer(12_000, ['Fashion'], 'FR');
    const foodDe = await influencer(500, ['food'], 'DE');
    const fashionDe = await influencer(2_000, ['fashion', 'travel'], 'DE');
    const nobody = await influencer(50, ['travel'], 'ES');
    const unsubscribed = await influencer(50_000, ['fashion'], 'FR');
    await subscriptions.unsubscribe(unsubscribed.recipientId, 'api');
    const people = [fashionFr, foodDe, fashionDe, nobody, unsubscribed];

    const bigFashion = newsletterDue(day, 'Autumn couture', {
      minFollowers: 1_000,
      niches: ['FASHION'],
    });
    const german = newsletterDue(day, 'Berlin eats', { countries: ['DE'] });
    const campaigns = [bigFashion, german];
    await events.publish(
      topic,
      campaigns.map((c) => c.event),
    );

    const digests = await digestsOf(day, people);
    // Exactly the rule applying to a campaign uses (`unmetQualifications`), person by person.
    for (const person of people) {
      const qualifying = campaigns.filter(
        (c) => unmetQualifications(c.qualifications, person.profile).length === 0,
      );
      const expected = person === unsubscribed ? [] : qualifying.map((c) => c.campaignId);
      expect(digests.get(person.recipientId)?.campaignIds ?? []).toEqual(expected);
    }
    expect([...digests.keys()].sort()).toEqual(
      [fashionFr, foodDe, fashionDe].map((p) => p.recipientId).sort(),
    );

    await delivered(day, people);
    const [both] = await digestMails(fashionDe);
    expect(await digestMails(fashionDe)).toHaveLength(1);
    expect(both!.subject).toBe('2 new campaigns for you today');
    expect(both!.text).toContain('Autumn couture');
    expect(both!.text).toContain('Berlin eats');
    expect(both!.html).toContain(`${APP}/campaigns/${german.campaignId}`);
    expect(await mails.header(both!, 'List-Unsubscribe')).toMatch(
      new RegExp(`^<${api}/newsletter/unsubscribe\\?token=[\\w-]+\\.[\\w-]+\\.[\\w-]+>$`),
    );
    expect(await mails.header(both!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const [one] = await digestMails(fashionFr);
    expect(one!.subject).toBe('A new campaign for you today');
    expect(one!.text).toContain('Autumn couture');
    expect(one!.text).not.toContain('Berlin eats');
    expect(await digestMails(foodDe)).toHaveLength(1);
    expect(await digestMails(nobody)).toHaveLength(0);
    expect(await digestMails(unsubscribed)).toHaveLength(0);
  });

  it('never sends a day twice: a redelivered moment changes nothing, a late one goes to the next day’s edition', async () => {
    const day = newDay();
    const reader = await influencer(5_000, ['beauty'], 'IT');
    const first = newsletterDue(day, 'Glow serum', {});
    await events.publish(topic, [first.event]);
    await delivered(day, [reader]);
    expect(await digestMails(reader)).toHaveLength(1);

    // The same event again (Kafka redelivers), and a campaign whose moment comes after composing.
    const late = newsletterDue(day, 'Late lipstick', {});
    await events.publish(topic, [first.event, late.event]);
    const nextDay = new Date(Date.parse(day) + DAY_MS).toISOString().slice(0, 10);
    await eventually(async () => {
      const filed = await db.newsletterCampaign.findUnique({
        where: { campaignId: late.campaignId },
      });
      expect(filed?.editionDay.toISOString().slice(0, 10)).toBe(nextDay);
    });
    const edition = await editionOf(day);
    expect(
      await db.notification.count({
        where: { eventId: edition!.eventId, recipientId: reader.recipientId },
      }),
    ).toBe(1);
    expect((await editionOf(nextDay))?.composedAt).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await digestMails(reader)).toHaveLength(1);
  });

  it('unsubscribes with one click from the mail, without signing in, from the next digest on; the API subscribes again', async () => {
    const day = newDay();
    const leaving = await influencer(3_000, ['sport'], 'NL');
    const staying = await influencer(3_000, ['sport'], 'NL');
    await events.publish(topic, [newsletterDue(day, 'Run club', { niches: ['sport'] }).event]);
    await delivered(day, [leaving, staying]);
    const [mail] = await digestMails(leaving);
    const link = /^<(.+)>$/.exec((await mails.header(mail!, 'List-Unsubscribe'))!)![1]!;
    const { pathname, search } = new URL(link);
    expect(mail!.text).toContain(link);

    // Following the link (a person, or a scanner) only shows the button.
    const page = await request(api).get(`${pathname}${search}`);
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html');
    expect(page.text).toContain('<form method="post"');
    const me = () =>
      request(api).get('/me/newsletter').set('Authorization', `Bearer ${leaving.token}`);
    expect((await me()).body).toEqual({ subscribed: true });

    // A mail client's one-click POST (RFC 8058), with no token of any kind but the link's.
    const click = await request(api)
      .post(`${pathname}${search}`)
      .type('form')
      .send('List-Unsubscribe=One-Click');
    expect(click.status).toBe(200);
    expect((await me()).body).toEqual({ subscribed: false });
    // Again, as multipart/form-data (RFC 8058 allows both): still unsubscribed, once.
    const again = await request(api)
      .post(`${pathname}${search}`)
      .field('List-Unsubscribe', 'One-Click');
    expect(again.status).toBe(200);

    const next = newDay();
    await events.publish(topic, [newsletterDue(next, 'Swim club', { niches: ['sport'] }).event]);
    await delivered(next, [leaving, staying]);
    const digests = await digestsOf(next, [leaving, staying]);
    expect([...digests.keys()]).toEqual([staying.recipientId]);
    expect(await digestMails(leaving)).toHaveLength(1);
    expect(await digestMails(staying)).toHaveLength(2);

    // Back through the API, keyed by the influencer's whole principal.
    const resubscribed = await request(api)
      .put('/me/newsletter')
      .set('Authorization', `Bearer ${leaving.token}`)
      .send({ subscribed: true });
    expect(resubscribed.body).toEqual({ subscribed: true });
    const third = newDay();
    await events.publish(topic, [newsletterDue(third, 'Climb club', { niches: ['sport'] }).event]);
    await delivered(third, [leaving]);
    expect(await digestMails(leaving)).toHaveLength(2);
  });

  it('refuses links it did not make, and requests that are not valid, storing nothing', async () => {
    const person = await influencer(1, ['x'], 'FR');
    const other = createUnsubscribeLinks({
      authSecret: `${TEST_AUTH_SECRET}-other`,
      publicUrl: api,
    });
    const forged = new URL(await other.urlFor(person.recipientId));
    const refusals = [
      await request(api)
        .post(`${forged.pathname}${forged.search}`)
        .type('form')
        .send('List-Unsubscribe=One-Click'),
      await request(api).get(`${forged.pathname}${forged.search}`),
      await request(api).post('/newsletter/unsubscribe?token=not-a-token').type('form').send(''),
      await request(api)
        .post('/newsletter/unsubscribe')
        .type('form')
        .send('List-Unsubscribe=One-Click'),
      await request(api)
        .post(`${forged.pathname}${forged.search}`)
        .set('Content-Type', 'application/json')
        .send('{"List-Unsubscribe":"One-Click"}'),
      await request(api)
        .post(`${forged.pathname}${forged.search}`)
        .type('form')
        .send(`List-Unsubscribe=${'x'.repeat(5_000)}`),
      // A bearer token is no unsubscribe link.
      await request(api)
        .post(`/newsletter/unsubscribe?token=${person.token}`)
        .type('form')
        .send(''),
    ];
    // A link of ours, but not the one-click body RFC 8058 asks for.
    const own = new URL(
      await createUnsubscribeLinks({ authSecret: TEST_AUTH_SECRET, publicUrl: api }).urlFor(
        person.recipientId,
      ),
    );
    refusals.push(
      await request(api).post(`${own.pathname}${own.search}`),
      await request(api)
        .post(`${own.pathname}${own.search}`)
        .type('form')
        .send('List-Unsubscribe=No'),
      await request(api).post(`${own.pathname}${own.search}`).field('List-Unsubscribe', 'Later'),
    );
    expect(refusals.map((r) => r.status)).toEqual([
      404, 404, 400, 400, 415, 413, 404, 400, 400, 400,
    ]);
    for (const refusal of refusals) expect(refusal.type).toBe('application/problem+json');
    // Only influencers have a newsletter; a body that is not the document is refused.
    const brand = await issueToken(
      { role: 'brand', userId: person.id, brandId: 'b' },
      TEST_AUTH_SECRET,
    );
    expect(
      (await request(api).get('/me/newsletter').set('Authorization', `Bearer ${brand}`)).status,
    ).toBe(403);
    const bad = await request(api)
      .put('/me/newsletter')
      .set('Authorization', `Bearer ${person.token}`)
      .send({ subscribed: 'no', extra: '\u0000' });
    expect(bad.status).toBe(400);
    expect(await subscriptions.isSubscribed(person.recipientId)).toBe(true);
    expect(
      await db.newsletterUnsubscribe.count({ where: { recipientId: person.recipientId } }),
    ).toBe(0);
  });
});
