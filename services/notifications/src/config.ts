import {
  configFields,
  oidcConfigFields,
  eventRetryConfigFields,
  kafkaConnectionConfigFields,
} from '@campaign/service-runtime';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0'])
  .default('false')
  .transform((value) => value === 'true' || value === '1');

export const NotificationsConfig = z.object({
  PORT: configFields.port.default(3003),
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
  /** The SMTP server mail goes to (maildev in the local stack and the tests). */
  SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  SMTP_PORT: configFields.port.default(1025),
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  SMTP_SECURE: flag,
  /** The relay's user (a managed mail service wants one); none locally. The password is a secret. */
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  /** The sender of every mail; its domain also names the Message-IDs. */
  MAIL_FROM: z.string().min(3).default('Campaign platform <notifications@campaign-platform.test>'),
  /** The web app's address: every mail links into it. */
  APP_BASE_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3000'),
  /** This service's public address: a digest's one-click unsubscribe link points at it. */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3003'),
  /**
   * An edition of the newsletter is composed this long after its first campaign's moment came
   * in, so every campaign of that moment (they all fire at once) is in it.
   */
  NEWSLETTER_SETTLE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** Mails sent side by side (SMTP connections kept open). */
  MAIL_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(5),
  /**
   * How long a sender holds the mails it took: one that dies mid-way leaves them to another once
   * this has passed. Far longer than a send takes.
   */
  MAIL_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** A failed mail is tried again after this, then twice as long each time, up to the maximum. */
  MAIL_RETRY_INITIAL_MS: z.coerce.number().int().min(1).default(1_000),
  MAIL_RETRY_MAX_MS: z.coerce.number().int().min(1).default(300_000),
});
export type NotificationsConfig = z.infer<typeof NotificationsConfig>;
