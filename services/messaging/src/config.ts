import {
  configFields,
  oidcConfigFields,
  eventRetryConfigFields,
  kafkaConnectionConfigFields,
} from '@campaign/service-runtime';
import { z } from 'zod';

export const MessagingConfig = z.object({
  PORT: configFields.port.default(3002),
  /** Prometheus scrapes `/metrics` here (never on the API's port); unset: not served. */
  METRICS_PORT: configFields.port.optional(),
  DATABASE_URL: configFields.databaseUrl,
  KAFKA_BROKERS: configFields.kafkaBrokers,
  ...kafkaConnectionConfigFields,
  AUTH_SECRET: configFields.authSecret,
  ...oidcConfigFields,
  CORS_ORIGINS: configFields.corsOrigins,
  LOG_LEVEL: configFields.logLevel,
  ...eventRetryConfigFields,
});
export type MessagingConfig = z.infer<typeof MessagingConfig>;
