import { randomUUID } from 'node:crypto';
import {
  buildMessagingApp,
  consumeCampaignEvents,
  createCollaborationGroupStore,
  createConversationStore,
  createLiveConversations,
  createPrismaClient,
} from '@campaign/messaging-service';
import {
  EventPublisher,
  consumerGroupTopics,
  createPrismaIdempotencyStore,
} from '@campaign/service-runtime';
import { TEST_AUTH_SECRET, eventually } from '@campaign/testing';
import type { Consumer } from 'kafkajs';
import request from 'supertest';
import { listParkedEvents } from '@campaign/service-runtime';
import { replayParkedEvents } from '@campaign/service-runtime';
import { invitation, topicOfOwn } from './system/campaign-events';
import { buildMessengerAndInbox } from './system/messenger-inbox-system';

// A poison event (one the Messenger cannot store, or cannot even read) never stops its consumer:
// it is parked on the group's dead-letter topic, and the events behind it are delivered.

describe('a poison event on the campaign topic (real Kafka and PostgreSQL)', () => {
  const messenger = buildMessengerAndInbox('poison-events-test');
  const { kafka, logger, conversations, groups } = messenger;
  const events = new EventPublisher(kafka);
  const producer = kafka.producer();
  const consumers: Consumer[] = [];

  beforeAll(() => producer.connect());

  afterAll(async () => {
    await Promise.all(consumers.map((consumer) => consumer.disconnect()));
    await producer.disconnect();
    await events.disconnect();
    await messenger.stop();
  });

  /** The Messenger's own consumer, in a group and on a topic of this test's own. */
  async function startMessenger() {
    const topic = await topicOfOwn(kafka, 'poison-events-test');
    const groupId = `poison-events-test-${randomUUID()}`;
    const started = consumeCampaignEvents({
      kafka,
      conversations,
      groups,
      logger,
      groupId,
      topic,
      retry: { attempts: 3, initialDelayMs: 50, maxDelayMs: 200 },
    });
    consumers.push(started.consumer);
    await started.running;
    return { topic, groupId, readiness: started.readiness };
  }

  const storedMessage = (id: string) => messenger.messaging.message.findUnique({ where: { id } });
  const parkedOf = (groupId: string, count: number) =>
    eventually(async () => {
      const parked = await listParkedEvents(kafka, { groupId });
      expect(parked).toHaveLength(count);
      return parked;
    });

  it('parks an invitation PostgreSQL refuses, and delivers the invitations behind it', async () => {
    const { topic, groupId, readiness } = await startMessenger();
    const campaignId = randomUUID();
    // A NUL byte, which PostgreSQL refuses in text, then an ordinary invitation of the same
    // campaign: the same key, so the same partition, behind it.
    const refused = invitation(campaignId, 'Hi Jane,\u0000 join our summer campaign');
    const behind = invitation(campaignId, 'Hi Sam, join our summer campaign');
    await events.publish(topic, [refused, behind]);

    await eventually(async () => expect(await storedMessage(behind.id)).not.toBeNull());
    const [parked] = await parkedOf(groupId, 1);
    expect(parked).toMatchObject({
      groupId,
      topic,
      eventId: refused.id,
      type: 'InfluencerInvited',
      parking: { topic, groupId, attempts: 3 },
      replayedAt: null,
    });
    expect(parked!.parking.reason).toMatch(/0x00/);
    expect(parked!.parking.reason).not.toContain('Jane');
    // The original record, byte for byte, with the publisher's headers.
    expect(parked!.record.key?.toString()).toBe(campaignId);
    expect(parked!.record.value?.toString()).toBe(JSON.stringify(refused));
    expect(parked!.record.headers?.['event-id']?.toString()).toBe(refused.id);
    expect(await storedMessage(refused.id)).toBeNull();

    // Still consuming, and the service says so.
    const app = buildMessagingApp({
      logger,
      authSecret: TEST_AUTH_SECRET,
      conversations,
      groups,
      support: messenger.support,
      liveConversations: createLiveConversations(messenger.messaging),
      idempotencyStore: createPrismaIdempotencyStore(messenger.messaging.idempotencyKey),
      readiness: [readiness],
    });
    const ready = await request(app).get('/readyz').expect(200);
    expect(ready.body.checks).toEqual({ [`${groupId} consumer`]: 'ok' });

    // Replayed before a fix, it fails again and is parked again, from the group's retry topic.
    await replayParkedEvents(kafka, { groupId });
    const again = await parkedOf(groupId, 2);
    expect(
      again.map(({ eventId, replayedAt, parking }) => ({ eventId, replayedAt, parking })),
    ).toEqual([
      {
        eventId: refused.id,
        replayedAt: expect.any(Date),
        parking: expect.objectContaining({ topic }),
      },
      {
        eventId: refused.id,
        replayedAt: null,
        parking: expect.objectContaining({ topic: consumerGroupTopics(topic, groupId).retries }),
      },
    ]);
    expect(await storedMessage(refused.id)).toBeNull();
  });

  it('parks an unknown type, a newer version and a record that is no JSON at once', async () => {
    const { topic, groupId } = await startMessenger();
    const campaignId = randomUUID();
    const known = invitation(campaignId, 'Hi Sam, join our summer campaign');
    const unknownType = { ...known, id: randomUUID(), type: 'CampaignArchived' };
    const newerVersion = { ...known, id: randomUUID(), version: 2 };
    const behind = { ...known, id: randomUUID() };
    await producer.send({
      topic,
      acks: -1,
      messages: [unknownType, newerVersion, '{"id": "cut sh', behind].map((value) => ({
        key: campaignId,
        value: typeof value === 'string' ? value : JSON.stringify(value),
      })),
    });

    await eventually(async () => expect(await storedMessage(behind.id)).not.toBeNull());
    const parked = await parkedOf(groupId, 3);
    expect(
      parked
        .sort((a, b) => Number(a.parking.offset) - Number(b.parking.offset))
        .map(({ eventId, type, parking: { attempts, reason } }) => ({
          eventId,
          type,
          attempts,
          reason,
        })),
    ).toEqual([
      {
        eventId: unknownType.id,
        type: 'CampaignArchived',
        attempts: 0,
        reason: expect.stringMatching(/^not a known event CampaignArchived v1: type:/),
      },
      {
        eventId: newerVersion.id,
        type: 'InfluencerInvited',
        attempts: 0,
        reason: expect.stringMatching(/^not a known event InfluencerInvited v2: version:/),
      },
      { eventId: null, type: null, attempts: 0, reason: 'not JSON' },
    ]);
    expect(await storedMessage(unknownType.id)).toBeNull();
    expect(await storedMessage(newerVersion.id)).toBeNull();
  });

  it('parks nothing while the Messenger’s database is down, and gives up no offset', async () => {
    // Nothing listens on port 1: every query fails, as in an outage.
    const down = createPrismaClient('postgresql://postgres:postgres@127.0.0.1:1/messaging');
    const store = createConversationStore(down);
    let refusedPings = 0;
    const topic = await topicOfOwn(kafka, 'poison-events-test');
    const groupId = `poison-events-test-${randomUUID()}`;
    const started = consumeCampaignEvents({
      kafka,
      conversations: {
        ...store,
        ping: () => store.ping().catch((error: unknown) => (refusedPings++, Promise.reject(error))),
      },
      groups: createCollaborationGroupStore(down),
      logger,
      groupId,
      topic,
      retry: { attempts: 2, initialDelayMs: 50, maxDelayMs: 50 },
    });
    consumers.push(started.consumer);
    await started.running;
    await events.publish(topic, [invitation(randomUUID(), 'Hi Sam, join our summer campaign')]);

    // The consumer has given up on the event's last try, and asked whether the database answers.
    await eventually(async () => expect(refusedPings).toBeGreaterThan(0));
    expect(await listParkedEvents(kafka, { groupId })).toEqual([]);
    const admin = kafka.admin();
    await admin.connect();
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    await admin.disconnect();
    expect(offsets!.partitions.map(({ offset }) => offset)).toEqual(
      offsets!.partitions.map(() => '-1'),
    );
    await started.consumer.disconnect();
    await down.$disconnect();
  });
});
