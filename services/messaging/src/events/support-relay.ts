import { MESSAGING_EVENTS_TOPIC } from '@campaign/contracts';
import { startOutboxRelay, type EventPublisher, type Logger } from '@campaign/service-runtime';
import type { SupportOutbox } from '../db/support-outbox';

const BATCH = 100;

/**
 * Announces support messages on the messaging topic, oldest first, as the chat relay does for
 * chat messages; keyed by the support conversation, so one conversation's messages stay in order.
 */
export function startSupportMessageRelay(deps: {
  outbox: SupportOutbox;
  events: EventPublisher;
  logger: Logger;
  idleMs?: number;
}) {
  return startOutboxRelay({
    name: 'support-messages',
    batch: BATCH,
    logger: deps.logger,
    idleMs: deps.idleMs,
    sendOwed: () =>
      deps.outbox.announceOwed(BATCH, (owed) =>
        deps.events.publishTraced(MESSAGING_EVENTS_TOPIC, owed),
      ),
  });
}
