import { CAMPAIGN_EVENTS_TOPIC, CampaignEvent } from '@campaign/contracts';
import { runEventConsumer, type Logger, type RetryPolicy } from '@campaign/service-runtime';
import type { Kafka } from 'kafkajs';
import type { InboxStore } from '../db/inbox-store';
import { notificationsForEvent } from '../domain/notifications-for-event';
import type { NewsletterEditions } from '../newsletter/newsletter-editions';

export const NOTIFICATIONS_CONSUMER_GROUP = 'notifications';

/**
 * Fans campaign events out to inboxes, and files each campaign's newsletter moment into its
 * edition; a redelivered event finds its rows there already.
 */
export function consumeCampaignEvents(deps: {
  kafka: Kafka;
  inbox: InboxStore;
  newsletter: NewsletterEditions;
  logger: Logger;
  retry?: RetryPolicy;
  /** Another group and topic than the service's own, for a test publishing events of its own. */
  groupId?: string;
  topic?: string;
}) {
  return runEventConsumer({
    kafka: deps.kafka,
    groupId: deps.groupId ?? NOTIFICATIONS_CONSUMER_GROUP,
    topic: deps.topic ?? CAMPAIGN_EVENTS_TOPIC,
    schema: CampaignEvent,
    logger: deps.logger,
    retry: deps.retry,
    dependenciesReady: () => deps.inbox.ping(),
    handle: async (event) => {
      if (event.type === 'CampaignNewsletterDue') {
        const edition = await deps.newsletter.file(event);
        deps.logger.debug({ eventId: event.id, edition }, 'campaign filed for the newsletter');
        return;
      }
      const delivered = await deps.inbox.deliver(event.id, notificationsForEvent(event));
      deps.logger.debug({ eventId: event.id, type: event.type, delivered }, 'event fanned out');
    },
  });
}
