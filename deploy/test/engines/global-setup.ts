import { ensureTools, profiles, startEngines, type Engines } from '../../src';

declare global {
  var __campaignEngines: Engines | undefined;
}

/** Starts the real engines once for the whole test run. */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const { temporalTestServer } = await ensureTools();
  const lines: string[] = [];
  const engines = await startEngines(profiles.test, (line) => lines.push(line));
  globalThis.__campaignEngines = engines;
  process.env.TEST_CAMPAIGN_DATABASE_URL = engines.databaseUrls.campaign;
  process.env.TEST_MESSAGING_DATABASE_URL = engines.databaseUrls.messaging;
  process.env.TEST_NOTIFICATIONS_DATABASE_URL = engines.databaseUrls.notifications;
  process.env.TEST_KAFKA_BROKERS = engines.kafka.brokers;
  process.env.TEST_TEMPORAL_ADDRESS = engines.temporal.address;
  process.env.TEST_TEMPORAL_TEST_SERVER = temporalTestServer;
  console.log(
    `\nReal engines for this run (${((Date.now() - started) / 1000).toFixed(1)} s):\n${lines
      .map((line) => `  ${line}`)
      .join('\n')}\n`,
  );
}
