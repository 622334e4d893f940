import { z } from 'zod';
import {
  DEFAULT_RETRY_POLICY,
  eventRetryConfigFields,
  loadConfig,
  retryDelayMs,
  retryPolicyFromConfig,
} from '../src';

describe('the retry policy for a failing event', () => {
  it('waits 200 ms after the first failed try, doubling after each further one, capped', () => {
    const policy = { attempts: 8, initialDelayMs: 200, maxDelayMs: 1_000 };
    const waits = [1, 2, 3, 4, 5, 6, 7].map((attempt) => retryDelayMs(policy, attempt));
    expect(waits).toEqual([200, 400, 800, 1_000, 1_000, 1_000, 1_000]);
  });

  it('by default tries five times within about three seconds', () => {
    expect(DEFAULT_RETRY_POLICY.attempts).toBe(5);
    const waits = [1, 2, 3, 4].map((attempt) => retryDelayMs(DEFAULT_RETRY_POLICY, attempt));
    expect(waits.reduce((sum, wait) => sum + wait, 0)).toBe(3_000);
  });

  it('is configured by the environment, with the defaults when unset', () => {
    const Config = z.object(eventRetryConfigFields);
    expect(retryPolicyFromConfig(loadConfig(Config, {}))).toEqual(DEFAULT_RETRY_POLICY);
    expect(
      retryPolicyFromConfig(
        loadConfig(Config, {
          EVENT_RETRY_ATTEMPTS: '3',
          EVENT_RETRY_INITIAL_DELAY_MS: '50',
          EVENT_RETRY_MAX_DELAY_MS: '100',
        }),
      ),
    ).toEqual({ attempts: 3, initialDelayMs: 50, maxDelayMs: 100 });
  });

  it('refuses no tries at all, and a wait longer than the consumer session allows', () => {
    const Config = z.object(eventRetryConfigFields);
    expect(() => loadConfig(Config, { EVENT_RETRY_ATTEMPTS: '0' })).toThrow('EVENT_RETRY_ATTEMPTS');
    expect(() => loadConfig(Config, { EVENT_RETRY_MAX_DELAY_MS: '60000' })).toThrow(
      'EVENT_RETRY_MAX_DELAY_MS',
    );
  });
});
