import { z } from 'zod';

/**
 * What the test run's global set-up started, handed to test files through the environment. A test
 * that needs an engine fails loudly when it is missing; nothing is ever skipped.
 */
const TestEnvironment = z.object({
  TEST_CAMPAIGN_DATABASE_URL: z.string().min(1),
  TEST_MESSAGING_DATABASE_URL: z.string().min(1),
  TEST_NOTIFICATIONS_DATABASE_URL: z.string().min(1),
  TEST_KAFKA_BROKERS: z.string().min(1),
  TEST_TEMPORAL_ADDRESS: z.string().min(1),
  TEST_TEMPORAL_TEST_SERVER: z.string().min(1),
});

export function testEnvironment() {
  const env = TestEnvironment.parse(process.env);
  return {
    databaseUrls: {
      campaign: env.TEST_CAMPAIGN_DATABASE_URL,
      messaging: env.TEST_MESSAGING_DATABASE_URL,
      notifications: env.TEST_NOTIFICATIONS_DATABASE_URL,
    },
    kafkaBrokers: env.TEST_KAFKA_BROKERS.split(','),
    temporalAddress: env.TEST_TEMPORAL_ADDRESS,
    temporalTestServer: env.TEST_TEMPORAL_TEST_SERVER,
  };
}

export const TEST_AUTH_SECRET = 'test-secret-that-is-long-enough-for-hs256!';
