import { randomUUID } from 'node:crypto';
import {
  createCampaignEventOutbox,
  createCampaignFacts,
  createCampaignRosterStore,
  createPrismaClient,
  startCampaignEventRelay,
  type CampaignDb,
} from '@campaign/campaign-service/facts';
import type { CampaignEvent } from '@campaign/contracts';
import { EventPublisher, createKafka, createLogger } from '@campaign/service-runtime';
import { eventually, testEnvironment } from '@campaign/testing';
import { createCampaignActivities } from '@campaign/campaign-service/worker';
import type { RecordedFact } from '@campaign/workflows';
import { invitation, topicOfOwn } from './system/campaign-events';
import { campaignDatabaseOfOwn } from './system/database-of-own';
import { readTopic } from './system/topic-reader';

// The campaign workflow's events leave through an outbox: stored with their facts, sent by any
// number of relays, each once and in order per campaign, and forgotten a while after.
const env = testEnvironment();
const logger = createLogger('campaign-event-outbox-test', 'silent');

describe('the campaign event outbox (real PostgreSQL and Kafka)', () => {
  const kafka = createKafka('campaign-event-outbox-test', env.kafkaBrokers, logger);
  let database: Awaited<ReturnType<typeof campaignDatabaseOfOwn>>;
  let db: CampaignDb;

  beforeAll(async () => {
    database = await campaignDatabaseOfOwn('campaign_event_outbox');
    db = createPrismaClient(database.url);
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  const owedOf = (subject: string) =>
    db.campaignEventOutbox.findMany({ where: { subject }, orderBy: { position: 'asc' } });

  it('stores a retried recording’s events once', async () => {
    const campaignId = randomUUID();
    const activities = createCampaignActivities({
      facts: createCampaignFacts(db),
      roster: createCampaignRosterStore(db),
    });
    const batch: RecordedFact[] = [0, 1, 2].map(() => {
      const { id, occurredAt, type, payload } = invitation(campaignId, 'Join us');
      return { eventId: id, occurredAt, fact: { type, payload } as RecordedFact['fact'] };
    });

    await activities.recordCampaignFacts(batch);
    const once = await owedOf(campaignId);
    await activities.recordCampaignFacts(batch);

    expect(await owedOf(campaignId)).toEqual(once);
    expect(once.map((row) => row.eventId)).toEqual(batch.map((fact) => fact.eventId));
    expect(once.every((row) => row.publishedAt === null)).toBe(true);
    expect(await db.invitation.count({ where: { campaignId } })).toBe(3);
  });

  it('has two racing relays send each event once, in order per campaign', async () => {
    const topic = await topicOfOwn(kafka, 'outbox-race');
    const facts = createCampaignFacts(db);
    const outbox = createCampaignEventOutbox(db);
    const publishers = [new EventPublisher(kafka), new EventPublisher(kafka)];
    const relays = publishers.map((events) =>
      startCampaignEventRelay({ outbox, events, logger, topic, idleMs: 20 }),
    );
    const reader = await readTopic(kafka, topic);
    const campaigns: string[] = [randomUUID(), randomUUID(), randomUUID()];
    const recorded = new Map<string, string[]>(campaigns.map((id) => [id, []]));
    // The outbox also owes the other tests' events; the relays send those too.
    const ours = () => reader.seen.filter((event) => campaigns.includes(event.subject));
    try {
      // Recorded while the relays run, in batches of five that take turns between campaigns, so
      // both relays keep finding fresh rows of every campaign.
      for (let round = 0; round < 10; round += 1) {
        await Promise.all(
          campaigns.map(async (campaignId) => {
            const batch = Array.from({ length: 5 }, () => invitation(campaignId, 'Race'));
            await facts.record(batch);
            recorded.get(campaignId)!.push(...batch.map((event) => event.id));
            for (const relay of relays) relay.wake();
          }),
        );
      }
      await eventually(async () => expect(ours().length).toBeGreaterThanOrEqual(150));
      // A second send would come in moments; give it time to show.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    } finally {
      await Promise.all(relays.map((relay) => relay.stop()));
      await reader.stop();
      await Promise.all(publishers.map((events) => events.disconnect()));
    }

    expect(ours().map((event) => event.id)).toHaveLength(150);
    for (const campaignId of campaigns) {
      const sent = ours().filter((event) => event.subject === campaignId);
      expect(sent.map((event) => event.id)).toEqual(recorded.get(campaignId));
    }
    expect(await db.campaignEventOutbox.count({ where: { publishedAt: null } })).toBe(0);
  });

  it('forgets published events past their keeping time, and never an owed one', async () => {
    const campaignId = randomUUID();
    const events: CampaignEvent[] = [0, 1, 2].map(() => invitation(campaignId, 'Old news'));
    await createCampaignFacts(db).record(events);
    const [old, recent] = events;
    const weekAgo = new Date(Date.now() - 7 * 24 * 60 * 60 * 1000);
    await db.campaignEventOutbox.update({
      where: { eventId: old!.id },
      data: { publishedAt: new Date(weekAgo.getTime() - 1_000) },
    });
    await db.campaignEventOutbox.update({
      where: { eventId: recent!.id },
      data: { publishedAt: new Date() },
    });

    await createCampaignEventOutbox(db).forgetPublishedBefore(weekAgo);

    const kept = await owedOf(campaignId);
    expect(kept.map((row) => row.eventId)).toEqual([recent!.id, events[2]!.id]);
  });
});
