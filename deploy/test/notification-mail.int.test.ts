import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { CampaignEvent } from '@campaign/contracts';
import {
  consumeCampaignEvents,
  createNewsletterEditions,
  createInboxStore,
  createMailOutbox,
  createPrismaAddressBook,
  createPrismaClient,
  createSmtpTransport,
  startMailSender,
} from '@campaign/notifications-service';
import {
  EventPublisher,
  createKafka,
  createLogger,
  influencerKey,
  type OutboxRelay,
} from '@campaign/service-runtime';
import { TEST_AUTH_SECRET, eventually, testEnvironment } from '@campaign/testing';
import type { Consumer } from 'kafkajs';
import { dataDir, profiles, startMaildev } from '../src';
import { topicOfOwn } from './system/campaign-events';
import { mailbox } from './system/mailbox';

// Every notification also goes out as one e-mail, through the notifications service's e-mail
// outbox and its mail sender, to a real SMTP server (maildev), read back through its REST API.

const APP = 'https://app.campaign-platform.test';
const FROM = 'Campaign platform <notifications@campaign-platform.test>';

describe('notification e-mail (real Kafka, PostgreSQL and SMTP server)', () => {
  const env = testEnvironment();
  const logger = createLogger('notification-mail-test', 'silent');
  const kafka = createKafka('notification-mail-test', env.kafkaBrokers, logger);
  const db = createPrismaClient(env.databaseUrls.notifications);
  const outbox = createMailOutbox(db);
  const addressBook = createPrismaAddressBook(db);
  const inbox = createInboxStore(db);
  const events = new EventPublisher(kafka);
  const mails = mailbox(env.mailWebUrl);
  const consumers: Consumer[] = [];
  const senders: OutboxRelay[] = [];
  let topic: string;

  beforeAll(async () => {
    topic = await topicOfOwn(kafka, 'notification-mail-test');
    const started = consumeCampaignEvents({
      kafka,
      inbox,
      newsletter: createNewsletterEditions(db, { settleMs: 0 }),
      logger,
      topic,
      groupId: `notification-mail-test-${randomUUID()}`,
    });
    consumers.push(started.consumer);
    await started.running;
  });

  afterEach(async () => {
    await Promise.all(senders.splice(0).map((sender) => sender.stop()));
  });

  afterAll(async () => {
    await Promise.all(consumers.map((consumer) => consumer.disconnect()));
    await events.disconnect();
    await db.$disconnect();
  });

  function startSender(smtp = env.smtp, leaseMs?: number) {
    const transport = createSmtpTransport({ ...smtp, secure: false }, 5);
    const sender = startMailSender({
      outbox,
      addressBook,
      transport,
      from: FROM,
      appBaseUrl: APP,
      unsubscribeUrlFor: async () => `${APP}/unsubscribe`,
      linkSecret: TEST_AUTH_SECRET,
      logger,
      leaseMs,
      retry: { initialDelayMs: 100, maxDelayMs: 1_000 },
      idleMs: 100,
    });
    senders.push({
      wake: sender.wake,
      stop: async () => {
        await sender.stop();
        transport.close?.();
      },
    });
    return sender;
  }

  /** A new influencer with an address on file, unique to this test. */
  async function influencer() {
    const id = `influencer-${randomUUID()}`;
    const email = `${id}@people.campaign-platform.test`;
    await addressBook.remember([{ recipientId: influencerKey(id), email }]);
    return { id, email };
  }

  function envelope<T extends CampaignEvent>(
    type: T['type'],
    version: number,
    campaignId: string,
    payload: Record<string, unknown>,
  ): CampaignEvent {
    return {
      id: randomUUID(),
      type,
      version,
      occurredAt: new Date().toISOString(),
      subject: campaignId,
      payload: { campaignId, brandId: 'brand-mail-test', title: 'Summer glow', ...payload },
    } as CampaignEvent;
  }

  function agreementSent(campaignId: string, influencerId: string) {
    return envelope('AgreementSent', 1, campaignId, {
      influencerId,
      sentAt: new Date().toISOString(),
      deadline: '2026-12-24T12:00:00.000Z',
    });
  }

  const rowsOf = (eventId: string) => db.mailOutbox.findMany({ where: { eventId } });
  const rowOf = async (eventId: string) => only(await rowsOf(eventId));

  /** Waits for the event's mails to be marked sent, then a little more: nothing else may come. */
  async function settled(eventId: string, count: number) {
    await eventually(async () => {
      const rows = await rowsOf(eventId);
      expect(rows).toHaveLength(count);
      expect(rows.every((row) => row.sentAt !== null)).toBe(true);
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  it('sends a notification as exactly one mail to the recipient, with its kind’s words and link', async () => {
    startSender();
    const campaignId = randomUUID();
    const jane = await influencer();
    const event = agreementSent(campaignId, jane.id);
    await events.publish(topic, [event]);
    await settled(event.id, 1);

    const mail = only(await mails.to(jane.email));
    const row = await rowOf(event.id);
    expect(mail.subject).toBe('An agreement for “Summer glow” is waiting for you');
    expect(mail.text).toContain('Read and sign it before 2026-12-24T12:00:00.000Z.');
    const link = `${APP}/campaigns/${campaignId}/agreement`;
    expect(mail.text).toContain(`Read and sign the agreement: ${link}`);
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.headers['message-id']).toBe(`<${row.id}@campaign-platform.test>`);
    expect(row).toMatchObject({ kind: 'agreement_sent', attempts: 1, skipped: null });
  });

  it('sends the bummer to the influencers passed over and never to the chosen', async () => {
    startSender();
    const campaignId = randomUUID();
    const [chosen, passedOver, alsoPassedOver] = await Promise.all([
      influencer(),
      influencer(),
      influencer(),
    ]);
    const at = new Date().toISOString();
    const started = envelope('CollaborationStarted', 2, campaignId, {
      startedAt: at,
      startedBy: 'ava',
      groupSize: 1,
      passedOver: 2,
      lapsed: 0,
    });
    const joined = envelope('CollaboratorsJoined', 1, campaignId, {
      influencerIds: [chosen.id],
      startedAt: at,
    });
    const passed = envelope('InfluencersPassedOver', 1, campaignId, {
      influencerIds: [passedOver.id, alsoPassedOver.id],
      at,
    });
    await events.publish(topic, [started, joined, passed]);
    await settled(joined.id, 1);
    await settled(passed.id, 2);
    expect(await rowsOf(started.id)).toHaveLength(0);

    const toChosen = await mails.to(chosen.email);
    expect(toChosen.map((mail) => mail.subject)).toEqual([
      'Congratulations! You are in “Summer glow”',
    ]);
    expect(only(toChosen).text).toContain(`${APP}/campaigns/${campaignId}/results`);
    for (const other of [passedOver, alsoPassedOver]) {
      const received = await mails.to(other.email);
      expect(received.map((mail) => mail.subject)).toEqual([
        'Bummer: “Summer glow” went ahead without you',
      ]);
      expect(only(received).text).toContain(`Browse the marketplace: ${APP}/marketplace`);
    }
  });

  it('sends a backlog of several rounds’ mails, each exactly once, every row marked sent after one attempt', async () => {
    // 5 connections claim 50 rows a round: 120 bummers take three rounds, the last one short.
    const campaignId = randomUUID();
    const passedOver = await Promise.all(Array.from({ length: 120 }, () => influencer()));
    const passed = envelope('InfluencersPassedOver', 1, campaignId, {
      influencerIds: passedOver.map(({ id }) => id),
      at: new Date().toISOString(),
    });
    await events.publish(topic, [passed]);
    await eventually(async () => expect(await rowsOf(passed.id)).toHaveLength(120));
    startSender();
    await settled(passed.id, 120);

    for (const { email } of passedOver) {
      expect((await mails.to(email)).map((mail) => mail.subject)).toEqual([
        'Bummer: “Summer glow” went ahead without you',
      ]);
    }
    const rows = await rowsOf(passed.id);
    expect(rows.map((row) => [row.attempts, row.skipped, row.lastError])).toEqual(
      rows.map(() => [1, null, null]),
    );
  });

  it('sends nothing twice for a redelivered event', async () => {
    startSender();
    const jane = await influencer();
    const event = agreementSent(randomUUID(), jane.id);
    await events.publish(topic, [event]);
    await settled(event.id, 1);
    // Kafka delivers it again (a rebalance, a replay), and a consumer stores it once more.
    await events.publish(topic, [event]);
    await inbox.deliver(event.id, [
      {
        recipientId: influencerKey(jane.id),
        kind: 'agreement_sent',
        title: 'An agreement for “Summer glow” is waiting for you',
        body: 'again',
        campaignId: null,
      },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    expect(await rowsOf(event.id)).toHaveLength(1);
    expect(await mails.to(jane.email)).toHaveLength(1);
  });

  it('delivers once, after the SMTP server comes back, what it could not take while away', async () => {
    // An SMTP server of this test's own, not yet started: the sender meets a closed port.
    const port = { smtp: profiles.test.smtpPort + 50, web: profiles.test.mailWebPort + 50 };
    startSender({ host: '127.0.0.1', port: port.smtp });
    const jane = await influencer();
    const event = agreementSent(randomUUID(), jane.id);
    await events.publish(topic, [event]);
    await eventually(async () => {
      const row = await rowOf(event.id);
      expect(row.attempts).toBeGreaterThanOrEqual(3);
      expect(row.lastError).toMatch(/ECONNECTION|ESOCKET|ECONNREFUSED/);
      expect(row.sentAt).toBeNull();
    });

    const server = await startMaildev({
      dataDir: path.join(dataDir('test'), 'mail-outage-test'),
      smtpPort: port.smtp,
      webPort: port.web,
      name: `maildev-outage-${randomUUID()}`,
    });
    try {
      await settled(event.id, 1);
      expect(await mailbox(server.webUrl).to(jane.email)).toHaveLength(1);
      const row = await rowOf(event.id);
      expect(row).toMatchObject({ lastError: null, skipped: null });
    } finally {
      await server.stop();
    }
  });

  it('sends once the mails a sender claimed and died holding, when their lease runs out', async () => {
    const jane = await influencer();
    const event = agreementSent(randomUUID(), jane.id);
    await events.publish(topic, [event]);
    await eventually(async () => expect(await rowsOf(event.id)).toHaveLength(1));
    // A sender claims the row and is killed before it sends: the row stays claimed for 1 s.
    const claimed = await outbox.claim(100, 1_000);
    expect(claimed.map((mail) => mail.recipientId)).toContain(influencerKey(jane.id));

    startSender(env.smtp);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await mails.to(jane.email)).toHaveLength(0);
    await settled(event.id, 1);
    expect(await mails.to(jane.email)).toHaveLength(1);
    const row = await rowOf(event.id);
    expect(row.attempts).toBe(2);
  });

  it('skips a recipient without an address on file, and sends nothing for it', async () => {
    startSender();
    const event = agreementSent(randomUUID(), `influencer-${randomUUID()}`);
    await events.publish(topic, [event]);
    await settled(event.id, 1);
    const row = await rowOf(event.id);
    expect(row.skipped).toBe('no address on file');
  });
});

/** The one item of a list, failing the test when there are none or several. */
function only<T>(items: T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}
