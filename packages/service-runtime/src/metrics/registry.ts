import { Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's metrics, in Prometheus's text format at `/metrics` on its metrics port
 * (`serveMetrics`): Node.js's own (event loop lag, heap, GC), HTTP requests, Kafka consumer lag
 * and outbox backlogs. One registry per process: every service replica and worker is scraped on
 * its own, and Prometheus adds them up.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });
