import {
  FINISH_AFTER_COLLABORATION_SECONDS,
  HISTORY_EVENTS_PER_RUN,
  MAX_ACTIONS_PER_BATCH,
  MAX_DURATION_SECONDS,
} from '@campaign/contracts';
import {
  configFields,
  kafkaConnectionConfigFields,
  oidcConfigFields,
} from '@campaign/service-runtime';
import { socialNetworkConfigFields } from '@campaign/social-network';
import { z } from 'zod';
import { socialTokenSettings } from './social/social-settings';
import { temporalConnectionConfigFields } from './temporal/temporal-connection';

export const CampaignConfig = z.object({
  PORT: configFields.port.default(3001),
  /** Prometheus scrapes `/metrics` here (never on the API's port); unset: not served. */
  METRICS_PORT: configFields.port.optional(),
  DATABASE_URL: configFields.databaseUrl,
  ...temporalConnectionConfigFields,
  AUTH_SECRET: configFields.authSecret,
  ...oidcConfigFields,
  CORS_ORIGINS: configFields.corsOrigins,
  LOG_LEVEL: configFields.logLevel,
  /**
   * Kafka, where the worker's consumer group parks the events it cannot handle: the API lists and
   * replays them for ops (`/ops/dead-letters`). Unset: those routes answer 503.
   */
  KAFKA_BROKERS: configFields.kafkaBrokers.optional(),
  ...kafkaConnectionConfigFields,
  ...socialTokenSettings,
  /** The web app: sign-in links in mails lead to its `/sign-in` page. */
  WEB_APP_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3000'),
  /** Sign-up and sign-in requests one client (IP address) may make per minute, per replica. */
  SIGN_IN_REQUESTS_PER_CLIENT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  ...socialNetworkConfigFields,
  /** Actions on one campaign coalesced into one workflow update (see action-batcher.ts). */
  ACTION_BATCH_MAX: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_ACTIONS_PER_BATCH)
    .default(MAX_ACTIONS_PER_BATCH),
  /**
   * Updates one replica keeps in flight per campaign. Replicas × this must stay within Temporal's
   * per-workflow limit of updates in flight (10 by default): 1 allows up to 10 replicas.
   */
  UPDATES_IN_FLIGHT_PER_CAMPAIGN: z.coerce.number().int().min(1).max(10).default(1),
  /** How long a campaign's workflow stays after its collaboration started, then completes. */
  FINISH_AFTER_COLLABORATION_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_DURATION_SECONDS)
    .default(FINISH_AFTER_COLLABORATION_SECONDS),
  /** History events a run of a campaign's workflow takes before handing over to a fresh run. */
  HISTORY_EVENTS_PER_RUN: z.coerce
    .number()
    .int()
    .min(200)
    .max(40_000)
    .default(HISTORY_EVENTS_PER_RUN),
});
export type CampaignConfig = z.infer<typeof CampaignConfig>;
