import { MESSAGING_EVENTS_TOPIC } from '@campaign/contracts';
import type { EventPublisher, Logger } from '@campaign/service-runtime';
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
  const idleMs = deps.idleMs ?? 250;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;

  const loop = (async () => {
    while (!stopped) {
      try {
        const announced = await deps.outbox.announceOwed(BATCH, (owed) =>
          deps.events.publish(MESSAGING_EVENTS_TOPIC, owed),
        );
        if (announced === BATCH) continue;
      } catch (error) {
        deps.logger.warn({ err: error }, 'message relay could not announce; retrying');
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, idleMs);
      });
    }
  })();

  return {
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      wake?.();
      await loop;
    },
  };
}
