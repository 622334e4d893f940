import type {
  DeadLetterDesk,
  ExternalIssuerSettings,
  Logger,
  StreamListener,
} from '@campaign/service-runtime';
import type { Client } from '@temporalio/client';
import type { Express } from 'express';
import { buildCampaignApp } from './app';
import { createBoardStore } from './db/board-store';
import { createCampaignStore } from './db/campaign-store';
import { createCollaborationStore } from './db/collaboration-store';
import { createFinishedCampaignStore } from './db/finished-campaign-store';
import { createIdempotencyStore } from './db/idempotency-store';
import { createNetworkStore } from './db/network-store';
import type { CampaignDb } from './db/prisma-client';
import { createInfluencerProfileStore } from './db/influencer-profile-store';
import { createSocialAccountStore } from './db/social-account-store';
import { createAudienceRefresh } from './social/audience-refresh';
import { createInsightsResultStore } from './db/insights-result-store';
import { createInsightsImport } from './social/insights-import';
import { createConnectionStates } from './social/connection-state';
import { createSocialTokenCipher } from './social/social-token-cipher';
import type { SocialNetwork } from '@campaign/social-network';
import { createAccountStore } from './accounts/account-store';
import { createClientLimit } from './accounts/client-limit';
import {
  temporalCampaignLifecycle,
  type CampaignLifecycle,
  type CampaignLifecycleOptions,
} from './temporal/campaign-lifecycle';

export const DEFAULT_WEB_APP_URL = 'http://127.0.0.1:3000';
export const DEFAULT_REQUESTS_PER_CLIENT_PER_MINUTE = 30;

/**
 * The campaign API on its database and a Temporal client, wired as `main.ts` runs it: the stores,
 * the lifecycle (judging finished campaigns on the read model) and the readiness checks. Tests and
 * the bench call this too, so none of them wires the service another way.
 */
export function campaignApi(options: {
  db: CampaignDb;
  temporal: Client;
  logger: Logger;
  authSecret: string;
  corsOrigins?: string[];
  lifecycle?: Omit<CampaignLifecycleOptions, 'finishedCampaigns'>;
  /** The social network (the Instagram adapter) and the keys its tokens are sealed under. */
  social: { network: SocialNetwork; tokenKey: Buffer; previousTokenKeys?: Buffer[] };
  /**
   * Where sign-in links lead (the web app; `WEB_APP_URL`), and how many sign-up and sign-in
   * requests one client may make per minute.
   */
  accounts?: { webAppUrl?: string; requestsPerClientPerMinute?: number };
  /** The listener on campaigns' changes (`createCampaignChangeListener`), for live boards. */
  live?: StreamListener;
  /** The worker's consumer group's parked events, for ops; none without Kafka. */
  deadLetters?: DeadLetterDesk;
  /** An external OpenID Connect provider whose tokens are accepted too (`OIDC_ISSUER`). */
  oidc?: ExternalIssuerSettings;
}): { app: Express; lifecycle: CampaignLifecycle } {
  const { db } = options;
  const lifecycle = temporalCampaignLifecycle(options.temporal, {
    ...options.lifecycle,
    finishedCampaigns: createFinishedCampaignStore(db),
  });
  const store = createCampaignStore(db);
  const profiles = createInfluencerProfileStore(db);
  const accounts = createSocialAccountStore(
    db,
    createSocialTokenCipher(options.social.tokenKey, options.social.previousTokenKeys),
  );
  const network = options.social.network;
  const app = buildCampaignApp({
    logger: options.logger,
    authSecret: options.authSecret,
    ...(options.corsOrigins ? { corsOrigins: options.corsOrigins } : {}),
    ...(options.live ? { live: options.live } : {}),
    ...(options.deadLetters ? { deadLetters: options.deadLetters } : {}),
    ...(options.oidc ? { oidc: options.oidc } : {}),
    store,
    boards: createBoardStore(db),
    network: createNetworkStore(db),
    collaborations: createCollaborationStore(db),
    db,
    idempotencyStore: createIdempotencyStore(db),
    lifecycle,
    social: {
      network,
      accounts,
      profiles,
      states: createConnectionStates(options.authSecret),
      refresh: createAudienceRefresh({ network, accounts, profiles }),
      importInsights: createInsightsImport({
        network,
        accounts,
        results: createInsightsResultStore(db),
      }),
    },
    accounts: createAccountStore(db, {
      authSecret: options.authSecret,
      webAppUrl: options.accounts?.webAppUrl ?? DEFAULT_WEB_APP_URL,
      profiles,
    }),
    clientLimit: createClientLimit(
      options.accounts?.requestsPerClientPerMinute ?? DEFAULT_REQUESTS_PER_CLIENT_PER_MINUTE,
    ),
    readiness: [
      { name: 'database', check: () => store.ping() },
      { name: 'temporal', check: () => lifecycle.ping() },
    ],
  });
  return { app, lifecycle };
}
