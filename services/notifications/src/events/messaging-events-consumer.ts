import { MESSAGING_EVENTS_TOPIC, MessagingEvent } from '@campaign/contracts';
import { runEventConsumer, type Logger, type RetryPolicy } from '@campaign/service-runtime';
import type { Kafka } from 'kafkajs';
import type { InboxStore } from '../db/inbox-store';
import { notificationsForMessage } from '../domain/notifications-for-message';
import { notificationsForSupportMessage } from '../domain/notifications-for-support-message';

export const MESSAGE_NOTIFICATIONS_CONSUMER_GROUP = 'notifications-messages';

/**
 * Tells the other side of a conversation (a Messenger one, or one with customer success) of a new
 * message, once per message.
 */
export function consumeMessagingEvents(deps: {
  kafka: Kafka;
  inbox: InboxStore;
  logger: Logger;
  retry?: RetryPolicy;
  /** Another consumer group than the service's own, for a test reading beside a running one. */
  groupId?: string;
}) {
  return runEventConsumer({
    kafka: deps.kafka,
    groupId: deps.groupId ?? MESSAGE_NOTIFICATIONS_CONSUMER_GROUP,
    topic: MESSAGING_EVENTS_TOPIC,
    schema: MessagingEvent,
    logger: deps.logger,
    retry: deps.retry,
    dependenciesReady: () => deps.inbox.ping(),
    handle: async (event) => {
      const drafts =
        event.type === 'SupportMessagePosted'
          ? notificationsForSupportMessage(event)
          : notificationsForMessage(event);
      const delivered = await deps.inbox.deliver(event.id, drafts);
      deps.logger.debug({ eventId: event.id, type: event.type, delivered }, 'message announced');
    },
  });
}
