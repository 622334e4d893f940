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
  TEST_SMTP_PORT: z.coerce.number().int().positive(),
  TEST_MAIL_WEB_PORT: z.coerce.number().int().positive(),
  TEST_GRAPH_API_URL: z.string().min(1),
});

export type TestEngines = {
  databaseUrls: { campaign: string; messaging: string; notifications: string };
  kafkaBrokers: string;
  temporalAddress: string;
  temporalTestServer: string;
  /** maildev on 127.0.0.1: mail is sent to its SMTP port and read back through its REST API. */
  smtpPort: number;
  mailWebPort: number;
  /** The local Graph API (Instagram): every endpoint and its `/_control` under this base URL. */
  graphApiUrl: string;
};

/** The variables the global set-up exports for the test files (the inverse of testEnvironment). */
export function testEnvironmentVariables(engines: TestEngines): z.input<typeof TestEnvironment> {
  return {
    TEST_CAMPAIGN_DATABASE_URL: engines.databaseUrls.campaign,
    TEST_MESSAGING_DATABASE_URL: engines.databaseUrls.messaging,
    TEST_NOTIFICATIONS_DATABASE_URL: engines.databaseUrls.notifications,
    TEST_KAFKA_BROKERS: engines.kafkaBrokers,
    TEST_TEMPORAL_ADDRESS: engines.temporalAddress,
    TEST_TEMPORAL_TEST_SERVER: engines.temporalTestServer,
    TEST_SMTP_PORT: String(engines.smtpPort),
    TEST_MAIL_WEB_PORT: String(engines.mailWebPort),
    TEST_GRAPH_API_URL: engines.graphApiUrl,
  };
}

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
    smtp: { host: '127.0.0.1', port: env.TEST_SMTP_PORT },
    mailWebUrl: `http://127.0.0.1:${env.TEST_MAIL_WEB_PORT}`,
    graphApiUrl: env.TEST_GRAPH_API_URL,
  };
}

export const TEST_AUTH_SECRET = 'test-secret-that-is-long-enough-for-hs256!';
