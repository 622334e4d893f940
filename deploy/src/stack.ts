import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CAMPAIGN_TASK_QUEUE } from '@campaign/contracts';
import { writeCampaignWorkflowBundle } from '@campaign/campaign-service/worker';
import { ensureTools, profiles, redactPassword, startEngines } from './engines/engines';
import { type RunningProcess } from './engines/launch';
import { supervised } from './engines/supervised-process';
import { dataDir, repoRoot } from './paths';
import { appProcess, appReadiness, serviceApps, workerApp, type App } from './stack-apps';
import { buildWebApp, startWebServer } from './web/web-server';
import { createPrismaClient } from '@campaign/campaign-service';
import { EmailAddress } from '@campaign/contracts';
import { ensureFirstOpsAccount } from './first-ops-account';

/**
 * The whole system on one machine: engines, migrations, the Temporal worker and the three
 * services, each ready before the next starts. A process that dies is restarted (and the restart
 * reported); Ctrl-C stops everything; data stays in .data/dev.
 */
async function main(): Promise<void> {
  const profile = profiles.dev;
  const runDir = dataDir(profile.name);
  const started = Date.now();
  const log = (line: string) =>
    console.log(`  ${line.padEnd(60)} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const launch = supervised(log);
  await ensureTools();
  log('Tools        cached in .cache/tools');
  const engines = await startEngines(profile, log, launch);
  const workflowBundle = path.join(runDir, 'campaign-workflows.js');
  await writeCampaignWorkflowBundle(workflowBundle);
  log('Workflows    bundled once, for every start of the worker');
  const wiring = {
    workflowBundle,
    runDir,
    databaseUrls: engines.databaseUrls,
    kafkaBrokers: engines.kafka.brokers,
    temporalAddress: engines.temporal.address,
    authSecret: devAuthSecret(runDir),
    taskQueue: CAMPAIGN_TASK_QUEUE,
    smtp: { host: engines.mail.smtpHost, port: engines.mail.smtpPort },
    graphApiUrl: engines.graphApi.url,
    // The demo's platform account (seeded in the local Graph API) posts the campaigns' stories.
    platformAccount: await platformAccountToken(engines.graphApi.controlUrl),
    campaignPublicUrl: 'http://127.0.0.1:3001',
    metrics: true,
    // Instagram sends the influencer back to the web app's page, which finishes connecting.
    socialRedirectUri: `http://127.0.0.1:${WEB_APP_PORT}/social-account/connected`,
  };
  const running: RunningProcess[] = [];
  let web: Awaited<ReturnType<typeof startWebServer>> | undefined;

  // Once only: a start that fails because Ctrl-C stopped it must not stop everything again.
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      console.log('\nStopping…');
      await web?.stop();
      for (const app of running.reverse()) await app.stop();
      await engines.stop();
      console.log('Stopped; the data stays in .data/dev for the next start.');
      process.exit(0);
    })());
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());

  const start = async (app: App) => {
    const { process: child, ready } = await launch(
      appProcess(app, wiring),
      appReadiness(app, wiring),
    );
    running.push(child);
    return ready;
  };

  try {
    log(`${'worker'.padEnd(14)}${await start(workerApp)}`);
    // The services depend on the engines only, not on each other: they start side by side.
    await Promise.all(
      serviceApps.map(async (app) => log(`${app.name.padEnd(14)}${await start(app)}`)),
    );
    await buildWebApp();
    // In this process: a static server and a proxy need no supervisor of their own.
    web = await startWebServer(
      Object.fromEntries(serviceApps.map((app) => [app.name, `http://127.0.0.1:${app.port}`])) as {
        campaign: string;
        messaging: string;
        notifications: string;
      },
      WEB_APP_PORT,
    );
    log(`${'web app'.padEnd(14)}built and served on ${web.url}`);
    // The first ops account, by the operator's address: later ones are created by ops.
    if (process.env.OPS_EMAIL) {
      const email = EmailAddress.parse(process.env.OPS_EMAIL);
      const db = createPrismaClient(engines.databaseUrls.campaign);
      const outcome = await ensureFirstOpsAccount(db, wiring.authSecret, {
        name: 'Customer success',
        email,
      }).finally(() => db.$disconnect());
      log(`Ops account  ${outcome === 'created' ? 'created, its sign-in link mailed' : 'kept'}`);
    }
  } catch (error) {
    if (!stopping) console.error(String(error));
    await stop();
    return;
  }

  console.log(`
Campaign platform is up (${((Date.now() - started) / 1000).toFixed(1)} s).

  Web app             ${web.url}   (the APIs under /api/campaign, /api/messaging, /api/notifications)
  Campaign API        http://127.0.0.1:3001   (docs: /docs, OpenAPI: /openapi.json)
  Messaging API       http://127.0.0.1:3002   (docs: /docs, OpenAPI: /openapi.json)
  Notifications API   http://127.0.0.1:3003   (docs: /docs, OpenAPI: /openapi.json)
  Mail page           ${engines.mail.webUrl}   (SMTP ${engines.mail.smtpHost}:${engines.mail.smtpPort})
  Instagram (local)   ${engines.graphApi.url}   (consent page: /oauth/authorize, control: /_control/accounts)
  Temporal UI         ${engines.temporal.uiUrl}
  Temporal (gRPC)     ${engines.temporal.address}
  Kafka               ${engines.kafka.brokers}
  PostgreSQL          ${redactPassword(engines.postgres.serverUrl)}
  Metrics             http://127.0.0.1:{9101,9102,9103}/metrics (services), :9104 and :9105 (worker, its Temporal SDK)
  Logs                ${path.relative(repoRoot, runDir)}/*.log

Sign in:             at the web app with your e-mail address; the link arrives on the mail page
                     (the first ops account: OPS_EMAIL=you@example.com ./deploy/run-stack)
Tokens for the APIs:  ./deploy/token brand <userId> <brandId>   (or: influencer <userId>, ops <userId>)
Press Ctrl-C to stop.`);
}

/** The web app's port: the address the sign-in links in mails point to (WEB_APP_URL). */
const WEB_APP_PORT = 3000;

/** Kept in the data folder so tokens issued for the demo stay valid across restarts. */
function devAuthSecret(runDir: string): string {
  const file = path.join(runDir, 'auth-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/** A long-lived token of the local Graph API's `campaign_platform` account, issued at each start. */
async function platformAccountToken(controlUrl: string) {
  const response = await fetch(`${controlUrl}/accounts/campaign_platform/token`, {
    method: 'POST',
  });
  if (!response.ok)
    throw new Error(`the local Graph API issued no platform token (${response.status})`);
  const { accountId, accessToken } = (await response.json()) as {
    accountId: string;
    accessToken: string;
  };
  return { accountId, accessToken };
}
