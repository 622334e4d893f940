import type { Logger } from '../logger';

/** After a failure the relay waits longer each time, up to this, so an outage is not a log flood. */
const MAX_BACKOFF_MS = 10_000;

export type OutboxRelay = {
  /** Sends what is owed now rather than at the next poll (a row was just written). */
  wake(): void;
  /** Finishes the round in flight, then sends nothing more. */
  stop(): Promise<void>;
};

/**
 * The loop every outbox of ours is sent by: `sendOwed` sends up to `batch` owed rows and says how
 * many it sent; while it sends full batches there is more, so it runs again at once; otherwise the
 * relay sleeps `idleMs` (or until woken). A failure (Kafka or the database away) leaves the rows
 * owed, and the relay waits twice as long each time, up to 10 s, before trying again.
 */
export function startOutboxRelay(deps: {
  /** What the logs call this relay. */
  name: string;
  sendOwed: () => Promise<number>;
  batch: number;
  logger: Logger;
  idleMs?: number;
}): OutboxRelay {
  const idleMs = deps.idleMs ?? 250;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  let failures = 0;

  const loop = (async () => {
    while (!stopped) {
      try {
        const sent = await deps.sendOwed();
        if (failures > 0) deps.logger.info({ relay: deps.name, failures }, 'relay sends again');
        failures = 0;
        if (sent >= deps.batch) continue;
      } catch (error) {
        failures += 1;
        deps.logger.warn(
          { relay: deps.name, err: error, failures },
          'relay could not send; retrying',
        );
      }
      if (stopped) break;
      const waitMs = failures === 0 ? idleMs : Math.min(idleMs * 2 ** failures, MAX_BACKOFF_MS);
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, waitMs);
      });
      wake = undefined;
    }
  })();

  return {
    wake() {
      // During a backoff the relay keeps waiting: waking it would only meet the outage again.
      if (failures === 0) {
        clearTimeout(timer);
        wake?.();
      }
    },
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      wake?.();
      await loop;
    },
  };
}
