import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { TEST_AUTH_SECRET, testEnvironment } from '@campaign/testing';
import type { Express } from 'express';
import { dataDir } from '../src';
import type { FuzzBudget } from '../src/fuzz/config';
import { formatFailures } from '../src/fuzz/failures';
import { seedFuzzData, type KnownIds } from '../src/fuzz/fuzz-data';
import { campaignDatabaseOfOwn } from './system/database-of-own';
import { fuzz } from '../src/fuzz/run-fuzz';
import { fuzzRun, fuzzTargets, type FuzzedService } from '../src/fuzz/targets';
import { startCampaignSystem, type CampaignSystem } from './system/campaign-system';
import { buildMessengerAndInbox } from './system/messenger-inbox-system';

// Schemathesis fuzzes each service's OpenAPI document over HTTP, as each role, on the real
// engines: no input may make a service fail, and every answer must be one the document declares
// (status, content type, headers, body schema). The seed is fixed so a failure here is one CI
// reproduces; `./deploy/fuzz/run` fuzzes the running stack wider, with a fresh seed each time.
const budget: FuzzBudget = { maxExamples: 25, seed: 20261126 };

function listen(app: Express): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}` });
    });
  });
}

describe('each service, fuzzed from its OpenAPI document', () => {
  // Parked events of consumer groups of the fuzzer's own: a replay it asks for reaches no real group.
  const fuzzGroup = (service: string) => `api-fuzz-${service}-${randomUUID()}`;
  const messenger = buildMessengerAndInbox('api-fuzz', {
    deadLetterGroups: {
      messaging: [fuzzGroup('messaging')],
      notifications: [fuzzGroup('notifications')],
    },
  });
  let campaign: CampaignSystem;
  const servers: Server[] = [];
  const urls = {} as Record<FuzzedService, string>;
  let known: KnownIds;

  let database: Awaited<ReturnType<typeof campaignDatabaseOfOwn>>;

  beforeAll(async () => {
    // Campaigns of its own, on a task queue of its own: what the fuzzer finds (ops list every
    // brand's campaigns) is what it seeded, not another test file's campaign whose workflow that
    // test stopped, or whose worker is gone, so the same seed meets the same data in CI.
    database = await campaignDatabaseOfOwn('api_fuzz');
    // A failure's cause is in the service's own log, next to Schemathesis's report.
    campaign = await startCampaignSystem('api-fuzz', {
      databaseUrl: database.url,
      taskQueue: 'api-fuzz',
      logFile: path.join(dataDir('test'), 'fuzz', 'campaign-service.log'),
      deadLetterGroups: [fuzzGroup('campaign')],
    });
    const apps: Record<FuzzedService, Express> = {
      campaign: campaign.app,
      messaging: messenger.messagingApp,
      notifications: messenger.notificationsApp,
    };
    for (const [service, app] of Object.entries(apps) as [FuzzedService, Express][]) {
      const { server, url } = await listen(app);
      servers.push(server);
      urls[service] = url;
    }
    known = await seedFuzzData({
      campaignApi: urls.campaign,
      authSecret: TEST_AUTH_SECRET,
      databaseUrls: { ...testEnvironment().databaseUrls, campaign: database.url },
    });
  });

  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    await messenger.stop();
    await campaign.stop();
    await database?.drop();
  });

  it.each(fuzzTargets.map((target) => [target.name, target] as const))(
    '%s: no server error, every answer as documented',
    async (name, target) => {
      const dir = path.join(dataDir('test'), 'fuzz', name.replace(/\W+/g, '-'));
      const run = await fuzzRun(target, urls, known, TEST_AUTH_SECRET);
      const outcome = await fuzz(run, budget, dir);
      if (!outcome.passed) {
        throw new Error(
          `Schemathesis failed ${name}; its output and event log are in ${dir}.\n\n` +
            `Distinct failures:\n${formatFailures(outcome.failures)}\n\n${outcome.report}`,
        );
      }
    },
    // A run takes under a minute; hung requests (each given up after 5 s) can stretch it.
    300_000,
  );
});
