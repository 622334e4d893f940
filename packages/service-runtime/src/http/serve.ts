import type { Express } from 'express';
import { createServer, type Server } from 'node:http';
import type { Logger } from '../logger';
import { openEventStreamsOf } from './event-stream';

/**
 * Listens, then on SIGTERM/SIGINT stops taking connections, lets in-flight requests finish, ends
 * the open event streams and releases the service's own resources, so a rolling restart loses no acknowledged request.
 */
export function serve(
  app: Express,
  port: number,
  logger: Logger,
  release: () => Promise<void>,
): Promise<Server> {
  return new Promise((resolve, reject) => {
    // Express 5 hands a listen error to the callback, which cannot tell it from success; the
    // server's own events can. A port already taken fails the start-up.
    const server = createServer(app);
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => {
      server.off('error', reject);
      logger.info({ port }, 'listening');
      resolve(server);
    });
    let closing = false;
    const shutdown = (signal: string) => {
      if (closing) return;
      closing = true;
      logger.info({ signal }, 'shutting down');
      server.close(() => {
        release()
          .catch((error: unknown) => logger.error({ err: error }, 'release failed'))
          .finally(() => process.exit(0));
      });
      server.closeIdleConnections();
      // A live stream never ends by itself: it is ended here, and its client reconnects with its
      // last event id to another replica, losing nothing.
      openEventStreamsOf(app)?.closeAll();
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  });
}
