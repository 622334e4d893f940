import { createServer } from 'node:http';
import { healthRoutes, type Logger } from '@campaign/service-runtime';
import type { Worker } from '@temporalio/worker';
import express from 'express';

/**
 * The worker's /healthz and /readyz, for a container's probes: alive while the process answers,
 * ready while the worker polls its task queue (it is `RUNNING`; draining or failed is not ready).
 */
export async function serveWorkerHealth(
  port: number,
  worker: Pick<Worker, 'getState'>,
  logger: Logger,
): Promise<{ close: () => Promise<void> }> {
  const app = express();
  app.disable('x-powered-by');
  app.use(
    healthRoutes([
      {
        name: 'temporal-worker',
        check: async () => {
          const state = worker.getState();
          if (state !== 'RUNNING') throw new Error(`worker is ${state}`);
        },
      },
    ]),
  );
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  logger.info({ port }, 'worker health listening');
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
