import type { EventPublisher, Logger } from '@campaign/service-runtime';
import type { AccountAccess, SocialNetwork } from '@campaign/social-network';
import { createStoryStore } from '../db/story-store';
import { createCampaignEventOutbox } from '../db/campaign-event-outbox';
import { createCampaignFacts } from '../db/campaign-facts';
import { createCampaignRosterStore } from '../db/campaign-roster-store';
import type { CampaignDb } from '../db/prisma-client';
import { startCampaignEventRelay } from '../events/campaign-event-relay';
import { createCampaignActivities } from './campaign-activities';
import { createStoryActivities } from './story-activities';

/**
 * How the worker records campaign facts (and, given the social network, posts stories): the activities store facts and their events in one
 * transaction, and the relay of this process, woken by each recording, sends the events to Kafka.
 * `worker/main.ts`, the tests and the bench all record this way.
 */
export function startRecording(options: {
  db: CampaignDb;
  events: EventPublisher;
  logger: Logger;
  /** Makes the topic before the relay first sends (the worker may start while Kafka is away). */
  ensureTopic?: () => Promise<void>;
  /** False leaves the events owed in the outbox for another relay (a test's) to send. */
  relay?: boolean;
  /** The social network and the platform's own account, for posting campaigns' stories. */
  story?: { network: SocialNetwork; account: AccountAccess };
}) {
  const relay =
    options.relay === false
      ? null
      : startCampaignEventRelay({
          outbox: createCampaignEventOutbox(options.db),
          events: options.events,
          logger: options.logger,
          ...(options.ensureTopic ? { ensureTopic: options.ensureTopic } : {}),
        });
  const onRecorded = relay ? { onRecorded: () => relay.wake() } : {};
  const activities = {
    ...createCampaignActivities({
      facts: createCampaignFacts(options.db),
      roster: createCampaignRosterStore(options.db),
      ...onRecorded,
    }),
    // Without the platform's account, a story is given up with that reason, never left waiting.
    ...createStoryActivities({
      ...(options.story ?? {}),
      stories: createStoryStore(options.db),
      ...onRecorded,
    }),
  };
  return { activities, relay };
}
