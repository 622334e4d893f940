import type { RequestHandler } from 'express';
import { Histogram } from 'prom-client';
import { metricsRegistry } from './registry';

const requestDuration = new Histogram({
  name: 'http_server_request_duration_seconds',
  help: 'HTTP requests answered, by method, route (its pattern) and status code, and how long each took',
  labelNames: ['method', 'route', 'status_code'] as const,
  // From a cached read to a request that meets its deadline (15 s).
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
  registers: [metricsRegistry],
});

/**
 * Times every request. The route is the matched pattern (`/campaigns/:campaignId/board`), never
 * the path itself: a path carries ids, and one series per id would swamp Prometheus. A request no
 * route took (404, or refused before routing) counts as `unmatched`.
 */
export function httpMetrics(): RequestHandler {
  return (req, res, next) => {
    const end = requestDuration.startTimer();
    res.once('finish', () => {
      const pattern = (req.route as { path?: unknown } | undefined)?.path;
      end({
        method: req.method,
        route: typeof pattern === 'string' ? `${req.baseUrl}${pattern}` : 'unmatched',
        status_code: String(res.statusCode),
      });
    });
    next();
  };
}
