import type { EventConsumer, Logger } from '@campaign/service-runtime';

/**
 * Keeps the story consumer joined: one that cannot start (Kafka away when the worker starts) is
 * started again after a pause, doubling to a minute, while the worker polls Temporal and records
 * facts meanwhile. The moments wait in Kafka; a story starts late, never twice.
 */
export function superviseStoryConsumer(start: () => EventConsumer, logger: Logger) {
  let current: EventConsumer | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const run = (pauseMs: number) => {
    if (stopped) return;
    current = start();
    current.running.catch((error: unknown) => {
      logger.warn({ err: error, retryInMs: pauseMs }, 'story consumer could not start; retrying');
      const failed = current;
      current = undefined;
      void failed?.consumer.disconnect().catch(() => undefined);
      timer = setTimeout(() => run(Math.min(pauseMs * 2, 60_000)), pauseMs);
    });
  };
  run(1_000);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current?.consumer.disconnect();
    },
  };
}
