import type { Consumer } from 'kafkajs';
import type { ReadinessCheck } from '../http/health';

/**
 * Ready while the consumer starts, runs, or restarts after a crash kafkajs retries itself; not
 * ready once it has stopped for good: it could not start, it crashed for good, or it was stopped.
 * A replica that no longer consumes must say so, or its events wait unseen behind it.
 */
export function consumerReadiness(
  name: string,
  consumer: Consumer,
  running: Promise<void>,
): ReadinessCheck {
  let trouble: string | undefined;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    trouble = undefined;
  });
  // A crash stops the consumer first; a restart that follows makes it ready again.
  consumer.on(consumer.events.STOP, () => {
    trouble = 'stopped';
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    trouble = payload.restart ? undefined : `crashed (${payload.error.name})`;
  });
  running.catch(() => {
    trouble = 'could not start';
  });
  return {
    name,
    check: async () => {
      if (trouble) throw new Error(`${name} ${trouble}`);
    },
  };
}
