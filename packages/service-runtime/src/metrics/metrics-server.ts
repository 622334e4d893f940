import { createServer, type Server } from 'node:http';
import type { Logger } from '../logger';
import { metricsRegistry } from './registry';

/**
 * Serves `/metrics` on a port of its own, not on the API's: the API's port is what the ingress
 * routes the public to, and what a process measures about itself is for Prometheus alone (the
 * chart's NetworkPolicy opens this port to the monitoring namespace only).
 */
export function serveMetrics(port: number, logger: Logger): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    metricsRegistry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(text),
      (error: unknown) => {
        logger.warn({ err: error }, 'metrics could not be collected');
        res.writeHead(500).end();
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => {
      server.off('error', reject);
      // Never keeps a process alive that is otherwise done.
      server.unref();
      resolve(server);
    });
  });
}
