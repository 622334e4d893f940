import { testEnvironmentVariables } from '@campaign/testing';
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
  Object.assign(
    process.env,
    testEnvironmentVariables({
      databaseUrls: engines.databaseUrls,
      kafkaBrokers: engines.kafka.brokers,
      temporalAddress: engines.temporal.address,
      temporalTestServer,
      smtpPort: engines.mail.smtpPort,
      mailWebPort: engines.mail.webPort,
      graphApiUrl: engines.graphApi.url,
    }),
  );
  console.log(
    `\nReal engines for this run (${((Date.now() - started) / 1000).toFixed(1)} s):\n${lines
      .map((line) => `  ${line}`)
      .join('\n')}\n`,
  );
}
