import { MESSAGING_EVENTS_TOPIC } from '@campaign/contracts';
import { startOutboxRelay, type EventPublisher, type Logger } from '@campaign/service-runtime';
import type { MessageOutbox } from '../db/message-outbox';

const BATCH = 100;

/**
 * Announces posted messages on Kafka, oldest first, until none is owed; then waits `idleMs`.
 * Any number of messaging replicas may run it: each announces the rows it holds.
 */
export function startMessageRelay(deps: {
  outbox: MessageOutbox;
  events: EventPublisher;
  logger: Logger;
  idleMs?: number;
}) {
  return startOutboxRelay({
    name: 'messages',
    batch: BATCH,
    logger: deps.logger,
    idleMs: deps.idleMs,
    sendOwed: () =>
      deps.outbox.announceOwed(BATCH, (owed) =>
        deps.events.publishTraced(MESSAGING_EVENTS_TOPIC, owed),
      ),
  });
}
