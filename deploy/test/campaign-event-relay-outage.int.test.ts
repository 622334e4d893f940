import { randomUUID } from 'node:crypto';
import {
  createCampaignEventOutbox,
  startCampaignEventRelay,
} from '@campaign/campaign-service/facts';
import { EventPublisher, createKafka, createLogger } from '@campaign/service-runtime';
import { eventually, testEnvironment } from '@campaign/testing';
import request from 'supertest';
import { topicOfOwn } from './system/campaign-events';
import {
  createBrand,
  createCampaign,
  createInfluencer,
  startCampaignSystem,
  type CampaignSystem,
} from './system/campaign-system';
import { campaignDatabaseOfOwn } from './system/database-of-own';
import { deadPort } from './system/dead-port';
import { readTopic } from './system/topic-reader';

// The relay cannot reach Kafka (its broker is a port nobody listens on; the run's Kafka stays up
// for the other test files). The campaign must not notice: actions answer at once and their events
// wait in the outbox, to leave once each and in order when a relay reaches Kafka again.
const env = testEnvironment();
const logger = createLogger('relay-outage-test', 'silent');

describe('the campaign event relay cut off from Kafka (real PostgreSQL, Temporal and Kafka)', () => {
  const kafka = createKafka('relay-outage-test', env.kafkaBrokers, logger);
  let database: Awaited<ReturnType<typeof campaignDatabaseOfOwn>>;
  let system: CampaignSystem;

  beforeAll(async () => {
    // A database of its own: no other test file's relay may send the events meanwhile.
    database = await campaignDatabaseOfOwn('relay_outage');
    system = await startCampaignSystem('relay-outage-test', {
      databaseUrl: database.url,
      taskQueue: `relay-outage-${randomUUID()}`,
      relay: false,
    });
  });

  afterAll(async () => {
    await system?.stop();
    await database?.drop();
  });

  it('keeps answering actions, and sends their events once and in order when Kafka is back', async () => {
    const topic = await topicOfOwn(kafka, 'relay-outage');
    const outbox = createCampaignEventOutbox(system.db);
    const unreachable = new EventPublisher(
      createKafka('relay-outage-dead', [`127.0.0.1:${await deadPort()}`], logger, { retries: 1 }),
    );
    const stranded = startCampaignEventRelay({ outbox, events: unreachable, logger, topic });

    const brand = await createBrand(system, 'professional');
    const campaignId = await createCampaign(system, brand.auth);
    for (let i = 0; i < 3; i += 1) {
      const influencer = await createInfluencer(system);
      const started = Date.now();
      await request(system.app)
        .post(`/campaigns/${campaignId}/applications`)
        .set('authorization', influencer.auth)
        .expect(201);
      expect(Date.now() - started).toBeLessThan(2_000);
    }
    const owed = await system.db.campaignEventOutbox.findMany({
      where: { subject: campaignId },
      orderBy: { position: 'asc' },
    });
    expect(owed.map((row) => (row.envelope as { type: string }).type)).toEqual([
      'CampaignPublished',
      'ApplicationReceived',
      'ApplicationReceived',
      'ApplicationReceived',
    ]);
    expect(owed.every((row) => row.publishedAt === null)).toBe(true);
    await stranded.stop();
    await unreachable.disconnect();

    const reader = await readTopic(kafka, topic);
    const events = new EventPublisher(kafka);
    const relay = startCampaignEventRelay({ outbox, events, logger, topic });
    const sent = () => reader.seen.filter((event) => event.subject === campaignId);
    try {
      await eventually(async () => expect(sent().length).toBeGreaterThanOrEqual(owed.length));
      // A second send would come in moments; give it time to show.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    } finally {
      await relay.stop();
      await reader.stop();
      await events.disconnect();
    }
    expect(sent().map((event) => event.id)).toEqual(owed.map((row) => row.eventId));
    expect(
      await system.db.campaignEventOutbox.count({
        where: { subject: campaignId, publishedAt: null },
      }),
    ).toBe(0);
  });
});
