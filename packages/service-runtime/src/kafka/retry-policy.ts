import { z } from 'zod';

/** How often, and how patiently, a consumer tries a failing event before it parks it. */
export type RetryPolicy = {
  /** Tries in all, the first included. */
  attempts: number;
  /** The wait after the first failed try; it doubles after each further one. */
  initialDelayMs: number;
  /** The longest single wait. */
  maxDelayMs: number;
};

/** About three seconds of retrying in all: enough for a lock or a deadlock to clear. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 5,
  initialDelayMs: 200,
  maxDelayMs: 5_000,
};

/** The wait after failed try number `attempt` (1-based): doubling from the first, capped. */
export function retryDelayMs(policy: RetryPolicy, attempt: number): number {
  const doubled = policy.initialDelayMs * 2 ** Math.max(0, attempt - 1);
  return Math.min(doubled, policy.maxDelayMs);
}

/**
 * The retry policy's variables, for a service's config schema. One wait stays well under the
 * consumer's 15 s session timeout: the consumer heartbeats between tries, not during a wait.
 */
export const eventRetryConfigFields = {
  EVENT_RETRY_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  EVENT_RETRY_INITIAL_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(200),
  EVENT_RETRY_MAX_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(5_000),
};

export function retryPolicyFromConfig(config: {
  EVENT_RETRY_ATTEMPTS: number;
  EVENT_RETRY_INITIAL_DELAY_MS: number;
  EVENT_RETRY_MAX_DELAY_MS: number;
}): RetryPolicy {
  return {
    attempts: config.EVENT_RETRY_ATTEMPTS,
    initialDelayMs: config.EVENT_RETRY_INITIAL_DELAY_MS,
    maxDelayMs: config.EVENT_RETRY_MAX_DELAY_MS,
  };
}
