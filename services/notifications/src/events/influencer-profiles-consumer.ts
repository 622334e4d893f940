import { INFLUENCER_PROFILES_TOPIC, InfluencerProfileEvent } from '@campaign/contracts';
import { runEventConsumer, type Logger, type RetryPolicy } from '@campaign/service-runtime';
import type { Kafka } from 'kafkajs';
import type { InfluencerAudienceStore } from '../db/influencer-audience-store';

export const PROFILE_NOTIFICATIONS_CONSUMER_GROUP = 'notifications-profiles';

/**
 * Keeps each influencer's audience and e-mail address as their profile's latest change says. A
 * redelivered or older event changes nothing (see the store). Logs ids, never the address.
 */
export function consumeInfluencerProfiles(deps: {
  kafka: Kafka;
  audience: InfluencerAudienceStore;
  logger: Logger;
  retry?: RetryPolicy;
  /** Another group and topic than the service's own, for a test publishing events of its own. */
  groupId?: string;
  topic?: string;
}) {
  return runEventConsumer({
    kafka: deps.kafka,
    groupId: deps.groupId ?? PROFILE_NOTIFICATIONS_CONSUMER_GROUP,
    topic: deps.topic ?? INFLUENCER_PROFILES_TOPIC,
    schema: InfluencerProfileEvent,
    logger: deps.logger,
    retry: deps.retry,
    dependenciesReady: () => deps.audience.ping(),
    handle: async (event) => {
      const outcome = await deps.audience.record(event);
      deps.logger.debug({ eventId: event.id, type: event.type, outcome }, 'profile change kept');
    },
  });
}
