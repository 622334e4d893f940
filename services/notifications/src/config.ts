import { configFields, eventRetryConfigFields } from '@campaign/service-runtime';
import { z } from 'zod';

export const NotificationsConfig = z.object({
  PORT: configFields.port.default(3003),
  DATABASE_URL: configFields.databaseUrl,
  KAFKA_BROKERS: configFields.kafkaBrokers,
  AUTH_SECRET: configFields.authSecret,
  CORS_ORIGINS: configFields.corsOrigins,
  LOG_LEVEL: configFields.logLevel,
  ...eventRetryConfigFields,
});
export type NotificationsConfig = z.infer<typeof NotificationsConfig>;
