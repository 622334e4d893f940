import { MESSAGING_EVENTS_TOPIC } from '@campaign/contracts';
import type { EventPublisher, Logger } from '@campaign/service-runtime';
import type { MessageOutbox } from '../db/message-outbox';

const BATCH = 100;
/** After a failure the relay waits longer each time, up to this, so an outage is not a log flood. */
const MAX_BACKOFF_MS = 10_000;

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

  let failures = 0;

  const loop = (async () => {
    while (!stopped) {
      try {
        const announced = await deps.outbox.announceOwed(BATCH, (owed) =>
          deps.events.publish(MESSAGING_EVENTS_TOPIC, owed),
        );
        if (failures > 0) deps.logger.info({ failures }, 'message relay announces again');
        failures = 0;
        if (announced === BATCH) continue;
      } catch (error) {
        failures += 1;
        deps.logger.warn({ err: error, failures }, 'message relay could not announce; retrying');
      }
      const waitMs = failures === 0 ? idleMs : Math.min(idleMs * 2 ** failures, MAX_BACKOFF_MS);
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, waitMs);
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
