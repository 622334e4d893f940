export { metricsRegistry } from './registry';
export { httpMetrics } from './http-metrics';
export { reportOutboxBacklog } from './outbox-metrics';
export { reportConsumerLag } from './kafka-lag-metrics';
export { serveMetrics } from './metrics-server';
