import { CAMPAIGN_TASK_QUEUE, FINISH_AFTER_COLLABORATION_SECONDS } from '@campaign/contracts';
import {
  configFields,
  eventRetryConfigFields,
  kafkaConnectionConfigFields,
} from '@campaign/service-runtime';
import { socialNetworkConfigFields } from '@campaign/social-network';
import { z } from 'zod';
import { socialTokenSettings } from '../social/social-settings';
import { temporalConnectionConfigFields } from '../temporal/temporal-connection';
import { TimeOfDay } from './audience-refresh-schedule';

export const WorkerConfig = z.object({
  ...temporalConnectionConfigFields,
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(CAMPAIGN_TASK_QUEUE),
  DATABASE_URL: configFields.databaseUrl,
  KAFKA_BROKERS: configFields.kafkaBrokers,
  ...kafkaConnectionConfigFields,
  LOG_LEVEL: configFields.logLevel,
  /** Prometheus scrapes the worker's own `/metrics` (outbox, Kafka, Node.js) here; unset: not served. */
  METRICS_PORT: configFields.port.optional(),
  /** And the Temporal SDK's worker metrics (task slots, polls, schedule-to-start latency). */
  TEMPORAL_METRICS_PORT: configFields.port.optional(),
  ...eventRetryConfigFields,
  /** How many workflow and activity tasks one worker runs at once. */
  MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).default(100),
  /**
   * The port of the worker's /healthz and /readyz (a container's probes); none when unset, as in
   * the local stack, where several workers may run side by side.
   */
  HEALTH_PORT: configFields.port.optional(),
  /** A prebuilt workflow bundle (`writeCampaignWorkflowBundle`), so a start skips bundling. */
  WORKFLOW_BUNDLE: z.string().min(1).optional(),
  /** When the daily refresh of every connected account's audience starts: HH:MM, UTC. */
  AUDIENCE_REFRESH_AT: z.string().default('03:00').pipe(TimeOfDay),
  /** Every how many hours results imported from insights are read again while collaborations run. */
  INSIGHTS_REFRESH_EVERY_HOURS: z.coerce.number().int().min(1).max(24).default(6),
  /**
   * How long a campaign's collaboration runs after its start (the campaign service's setting of
   * the same name): its imported results are refreshed until then.
   */
  FINISH_AFTER_COLLABORATION_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .default(FINISH_AFTER_COLLABORATION_SECONDS),
  ...socialTokenSettings,
  ...socialNetworkConfigFields,
  /**
   * The platform's own account on the social network, which posts campaigns' stories. Without
   * it every story is given up, saying so. The token is a secret: never logged.
   */
  INSTAGRAM_PLATFORM_ACCOUNT_ID: z.string().min(1).optional(),
  INSTAGRAM_PLATFORM_ACCESS_TOKEN: z.string().min(1).optional(),
  /** Where the campaign service is reached from the internet: the network fetches story cards there. */
  CAMPAIGN_PUBLIC_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3001'),
});
export type WorkerConfig = z.infer<typeof WorkerConfig>;
