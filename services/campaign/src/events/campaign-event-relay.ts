import { CAMPAIGN_EVENTS_TOPIC } from '@campaign/contracts';
import {
  startOutboxRelay,
  type EventPublisher,
  type Logger,
  type TracedEvent,
} from '@campaign/service-runtime';
import type { CampaignEventOutbox, OutgoingEvent } from '../db/campaign-event-outbox';

const BATCH = 200;
/**
 * Published events are kept a week, then deleted. Long enough that a recording Temporal retries
 * (its first attempt committed but its completion was lost) finds its events and adds none, so
 * nothing published is sent again; and ops can see what left lately. Short enough that the table
 * holds about a week of events, not all of them.
 */
const KEPT_FOR_MS = 7 * 24 * 60 * 60 * 1000;
const FORGET_EVERY_MS = 60_000;

/**
 * Sends the campaign service's events from the outbox to Kafka, each to its topic, in order per
 * subject (a campaign, an influencer), and forgets published ones past their keeping time. Any
 * number of worker replicas may run it.
 */
export function startCampaignEventRelay(deps: {
  outbox: CampaignEventOutbox;
  events: EventPublisher;
  logger: Logger;
  idleMs?: number;
  /**
   * Another topic for the campaign lifecycle's events: for a test whose events no other consumer
   * should see. Other events (profile changes) still go to their own topic.
   */
  topic?: string;
  /**
   * Makes the topics. Done before the first send rather than at start-up, and tried again with
   * each round until it succeeds, so a worker starts and records facts while Kafka is away.
   */
  ensureTopic?: () => Promise<void>;
}) {
  const topicOf = (topic: string) =>
    topic === CAMPAIGN_EVENTS_TOPIC && deps.topic ? deps.topic : topic;
  let topicReady = deps.ensureTopic === undefined;
  let forgottenAt = 0;
  return startOutboxRelay({
    name: 'campaign-events',
    batch: BATCH,
    logger: deps.logger,
    idleMs: deps.idleMs ?? 200,
    sendOwed: async () => {
      if (Date.now() - forgottenAt >= FORGET_EVERY_MS) {
        await deps.outbox.forgetPublishedBefore(new Date(Date.now() - KEPT_FOR_MS));
        forgottenAt = Date.now();
      }
      if (!topicReady) {
        await deps.ensureTopic?.();
        topicReady = true;
      }
      return deps.outbox.publishOwed(BATCH, async (owed) => {
        for (const [topic, events] of byTopic(owed)) {
          await deps.events.publishTraced(topicOf(topic), events);
        }
      });
    },
  });
}

/** The owed events per topic, each topic's in outbox order (a subject's events share a topic). */
function byTopic(owed: OutgoingEvent[]): Map<string, TracedEvent[]> {
  const topics = new Map<string, TracedEvent[]>();
  for (const { topic, event, trace } of owed) {
    const events = topics.get(topic) ?? [];
    events.push({ event, trace });
    topics.set(topic, events);
  }
  return topics;
}
