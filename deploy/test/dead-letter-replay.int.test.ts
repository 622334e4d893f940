import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CampaignEvent } from '@campaign/contracts';
import {
  EventPublisher,
  createKafka,
  createLogger,
  runEventConsumer,
} from '@campaign/service-runtime';
import { eventually, testEnvironment } from '@campaign/testing';
import type { Consumer } from 'kafkajs';
import { listParkedEvents } from '@campaign/service-runtime';
import { replayParkedEvents } from '@campaign/service-runtime';
import { repoRoot } from '../src/paths';
import { invitation, topicOfOwn } from './system/campaign-events';

// Once what made an event fail is fixed, ops replay it: it goes back to the one group that parked
// it, is handled there once, and a second replay finds nothing left to send.

describe('replaying parked events (real Kafka)', () => {
  const env = testEnvironment();
  const logger = createLogger('dead-letter-replay-test', 'silent');
  const kafka = createKafka('dead-letter-replay-test', env.kafkaBrokers, logger);
  const events = new EventPublisher(kafka);
  const consumers: Consumer[] = [];

  afterAll(async () => {
    await Promise.all(consumers.map((consumer) => consumer.disconnect()));
    await events.disconnect();
  });

  /**
   * A consumer group whose store refuses the events in `refusing` (until a fix empties it), and
   * that notes each event it handled.
   */
  async function startGroup(topic: string, refusing: Set<string>) {
    const groupId = `dead-letter-replay-test-${randomUUID()}`;
    const handled: string[] = [];
    const started = runEventConsumer({
      kafka,
      groupId,
      topic,
      schema: CampaignEvent,
      logger,
      retry: { attempts: 2, initialDelayMs: 50, maxDelayMs: 50 },
      handle: async (event) => {
        if (refusing.has(event.id)) throw new Error('the store refused the invitation');
        handled.push(event.id);
      },
    });
    consumers.push(started.consumer);
    await started.running;
    return { groupId, handled };
  }

  it('sends a parked event back to the group that failed it alone, once', async () => {
    const topic = await topicOfOwn(kafka, 'dead-letter-replay-test');
    const campaignId = randomUUID();
    const refused = invitation(campaignId, 'Hi Jane, join our summer campaign');
    const behind = invitation(campaignId, 'Hi Sam, join our summer campaign');
    const refusing = new Set([refused.id]);
    const failing = await startGroup(topic, refusing);
    const other = await startGroup(topic, new Set());
    await events.publish(topic, [refused, behind]);

    await eventually(async () => {
      expect(failing.handled).toEqual([behind.id]);
      expect(other.handled).toEqual([refused.id, behind.id]);
      expect(await listParkedEvents(kafka, { groupId: failing.groupId })).toHaveLength(1);
    });

    refusing.clear();
    const replayed = await replayParkedEvents(kafka, { groupId: failing.groupId });
    expect(replayed.map(({ eventId }) => eventId)).toEqual([refused.id]);
    await eventually(async () => expect(failing.handled).toEqual([behind.id, refused.id]));

    expect(await replayParkedEvents(kafka, { groupId: failing.groupId })).toEqual([]);
    expect(
      await replayParkedEvents(kafka, { groupId: failing.groupId, eventId: refused.id }),
    ).toEqual([]);
    const [parked] = await listParkedEvents(kafka, { groupId: failing.groupId });
    expect(parked).toMatchObject({ eventId: refused.id, replayedAt: expect.any(Date) });

    // The other group never sees the replay: an event published after it, behind the same key,
    // reaches it right after the two it already had.
    const later = invitation(campaignId, 'Hi Kim, join our summer campaign');
    await events.publish(topic, [later]);
    await eventually(async () => expect(other.handled).toHaveLength(3));
    expect(other.handled).toEqual([refused.id, behind.id, later.id]);
    await eventually(async () => expect(failing.handled).toHaveLength(3));
    expect(failing.handled).toEqual([behind.id, refused.id, later.id]);
  });

  it('replays one parked event by its id, and leaves the others parked', async () => {
    const topic = await topicOfOwn(kafka, 'dead-letter-replay-test');
    const first = invitation(randomUUID(), 'Hi Jane, join our summer campaign');
    const second = invitation(randomUUID(), 'Hi Sam, join our summer campaign');
    const refusing = new Set([first.id, second.id]);
    const group = await startGroup(topic, refusing);
    await events.publish(topic, [first, second]);
    await eventually(async () =>
      expect(await listParkedEvents(kafka, { groupId: group.groupId })).toHaveLength(2),
    );

    refusing.clear();
    const replayed = await replayParkedEvents(kafka, {
      groupId: group.groupId,
      eventId: second.id,
    });
    expect(replayed.map(({ eventId }) => eventId)).toEqual([second.id]);
    await eventually(async () => expect(group.handled).toEqual([second.id]));
    const parked = await listParkedEvents(kafka, { groupId: group.groupId });
    expect(parked.filter(({ replayedAt }) => !replayedAt).map(({ eventId }) => eventId)).toEqual([
      first.id,
    ]);
  });

  it('lists parked events from the command line without their payload', async () => {
    const topic = await topicOfOwn(kafka, 'dead-letter-replay-test');
    const refused = invitation(randomUUID(), 'Hi Jane, join our summer campaign');
    const group = await startGroup(topic, new Set([refused.id]));
    await events.publish(topic, [refused]);
    await eventually(async () =>
      expect(await listParkedEvents(kafka, { groupId: group.groupId })).toHaveLength(1),
    );

    const cli = (...args: string[]) =>
      promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', 'deploy/src/dead-letters-cli.ts', ...args],
        { cwd: repoRoot, env: { ...process.env, KAFKA_BROKERS: env.kafkaBrokers.join(',') } },
      );
    const { stdout } = await cli('list', '--group', group.groupId);
    const [heading, row, ...more] = stdout.trim().split('\n');
    expect(heading).toMatch(
      /^GROUP +TOPIC +EVENT ID +TYPE +ATTEMPTS +PARKED AT +REPLAYED AT +REASON$/,
    );
    expect(row).toContain(refused.id);
    expect(row).toContain('InfluencerInvited');
    expect(row).toContain('Error: the store refused the invitation');
    expect(more).toEqual([]);
    expect(stdout).not.toContain('Jane');

    await expect(cli('replay', '--group', group.groupId)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage: dead-letters'),
    });
  });
});
