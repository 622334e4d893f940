import path from 'node:path';
import type { ServiceName } from './database/service-databases';
import type { Readiness } from './engines/launch';
import type { ProcessOptions } from './engines/managed-process';
import { waitUntilPolling } from './engines/worker-readiness';
import { repoRoot } from './paths';

/**
 * The worker and the three services as run-stack starts them, kept apart from stack.ts so a test
 * can start one of them exactly as the stack does.
 */
export type App = {
  name: string;
  main: string;
  /** The port a service listens on; null for the worker, which polls Temporal instead. */
  port: number | null;
  /** Where Prometheus scrapes its `/metrics` (the worker's SDK metrics on the next port). */
  metricsPort: number;
  database: ServiceName;
};

export const workerApp: App = {
  name: 'worker',
  main: 'services/campaign/src/worker/main.ts',
  port: null,
  metricsPort: 9104,
  database: 'campaign',
};

export const serviceApps = [
  {
    name: 'campaign',
    main: 'services/campaign/src/main.ts',
    port: 3001,
    metricsPort: 9101,
    database: 'campaign',
  },
  {
    name: 'messaging',
    main: 'services/messaging/src/main.ts',
    port: 3002,
    metricsPort: 9102,
    database: 'messaging',
  },
  {
    name: 'notifications',
    main: 'services/notifications/src/main.ts',
    port: 3003,
    metricsPort: 9103,
    database: 'notifications',
  },
] as const satisfies (App & { port: number })[];

/** Where the apps find the engines, and where their logs go. */
export type AppWiring = {
  runDir: string;
  databaseUrls: Record<ServiceName, string>;
  kafkaBrokers: string;
  /** Copies of each partition in the topics the apps create (3 on a cluster of three); 1 unset. */
  kafkaReplicationFactor?: number;
  temporalAddress: string;
  authSecret: string;
  /** The queue the worker polls: the one the campaign service starts workflows on, or a test's. */
  taskQueue: string;
  /** The workflow bundle written once for every start of the worker (see workflow-bundle.ts). */
  workflowBundle?: string;
  /** Where the notifications service sends mail (maildev in the stack and the tests). */
  smtp?: { host: string; port: number };
  /** Where the adapter reaches Instagram: the local Graph API (unset: the real API). */
  graphApiUrl?: string;
  /** The platform's own account, which the worker posts campaigns' stories with. */
  platformAccount?: { accountId: string; accessToken: string };
  /** Where the social network fetches story cards: the campaign service's address. */
  campaignPublicUrl?: string;
  /** Serve each app's metrics on its `metricsPort` (the stack does; a test's apps need not). */
  metrics?: boolean;
  /** The web app's page Instagram redirects back to after the influencer grants access. */
  socialRedirectUri?: string;
};

export function appProcess(app: App, wiring: AppWiring): ProcessOptions {
  return {
    name: app.name,
    command: process.execPath,
    args: ['--import', 'tsx', path.join(repoRoot, app.main)],
    cwd: repoRoot,
    runDir: wiring.runDir,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      ...(app.port === null
        ? {
            TEMPORAL_TASK_QUEUE: wiring.taskQueue,
            ...(wiring.workflowBundle ? { WORKFLOW_BUNDLE: wiring.workflowBundle } : {}),
            ...(wiring.platformAccount
              ? {
                  INSTAGRAM_PLATFORM_ACCOUNT_ID: wiring.platformAccount.accountId,
                  INSTAGRAM_PLATFORM_ACCESS_TOKEN: wiring.platformAccount.accessToken,
                }
              : {}),
            ...(wiring.campaignPublicUrl ? { CAMPAIGN_PUBLIC_URL: wiring.campaignPublicUrl } : {}),
            ...(wiring.metrics ? { TEMPORAL_METRICS_PORT: String(app.metricsPort + 1) } : {}),
          }
        : { PORT: String(app.port) }),
      ...(wiring.metrics ? { METRICS_PORT: String(app.metricsPort) } : {}),
      DATABASE_URL: wiring.databaseUrls[app.database],
      KAFKA_BROKERS: wiring.kafkaBrokers,
      ...(wiring.kafkaReplicationFactor
        ? { KAFKA_REPLICATION_FACTOR: String(wiring.kafkaReplicationFactor) }
        : {}),
      TEMPORAL_ADDRESS: wiring.temporalAddress,
      AUTH_SECRET: wiring.authSecret,
      ...(wiring.smtp ? { SMTP_HOST: wiring.smtp.host, SMTP_PORT: String(wiring.smtp.port) } : {}),
      ...(wiring.graphApiUrl ? { INSTAGRAM_GRAPH_URL: wiring.graphApiUrl } : {}),
      ...(wiring.socialRedirectUri ? { INSTAGRAM_REDIRECT_URI: wiring.socialRedirectUri } : {}),
    },
  };
}

/** The worker is ready once Temporal lists it among the queue's pollers; a service on /readyz. */
export function appReadiness(app: App, wiring: AppWiring): Readiness {
  const { port } = app;
  if (port === null) {
    return {
      ready: async ({ pid }) => {
        await waitUntilPolling(wiring.temporalAddress, wiring.taskQueue, pid);
        return `polling ${wiring.taskQueue}`;
      },
    };
  }
  return {
    ready: async ({ logFile }) => {
      await waitUntilReady(app.name, port, logFile);
      return `ready on :${port}`;
    },
  };
}

async function waitUntilReady(
  name: string,
  port: number,
  logFile: string,
  timeoutMs = 90_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(
    `${name} was not ready within ${timeoutMs / 1000} s; see ${path.relative(repoRoot, logFile)}`,
  );
}
