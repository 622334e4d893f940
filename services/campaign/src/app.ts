import {
  buildServiceApp,
  deadLetterRoutes,
  type DeadLetterDesk,
  type ExternalIssuerSettings,
  type IdempotencyStore,
  type Logger,
  type ReadinessCheck,
  type StreamListener,
} from '@campaign/service-runtime';
import type { Express } from 'express';
import type { CampaignStore } from './db/campaign-store';
import { type createBoardStore } from './db/board-store';
import { campaignRoutes } from './routes/campaigns';
import { lifecycleRoutes } from './routes/lifecycle';
import { networkRoutes } from './routes/network';
import { collaborationRoutes } from './routes/collaborations';
import { opsAuditRoutes } from './routes/ops-audit';
import { myCampaignRoutes } from './routes/my-campaigns';
import { createMyCampaignsStore } from './db/my-campaigns-store';
import { myProfileRoutes } from './routes/my-profile';
import { storyCardRoutes } from './routes/story-cards';
import { storyRoutes } from './routes/stories';
import { createStoryStore } from './db/story-store';
import type { CampaignDb } from './db/prisma-client';
import type { CollaborationStore } from './db/collaboration-store';
import type { NetworkStore } from './db/network-store';
import type { CampaignLifecycle } from './temporal/campaign-lifecycle';
import { socialAccountRoutes, type SocialAccountDeps } from './routes/social-account';
import { resultImportRoutes } from './routes/result-import';
import type { InsightsImport } from './social/insights-import';
import { campaignChangeRoutes } from './routes/campaign-changes';
import { createCampaignChanges } from './db/campaign-changes';
import type { AccountStore } from './accounts/account-store';
import type { ClientLimit } from './accounts/client-limit';
import { signUpRoutes } from './routes/sign-up';
import { signInRoutes } from './routes/sign-in';
import { myAccountRoutes } from './routes/my-account';
import { brandTeamRoutes } from './routes/brand-team';
import { opsAccountRoutes } from './routes/ops-accounts';

export type CampaignAppDeps = {
  logger: Logger;
  authSecret: string;
  corsOrigins?: string[];
  store: CampaignStore;
  network: NetworkStore;
  collaborations: CollaborationStore;
  db: CampaignDb;
  idempotencyStore: IdempotencyStore;
  boards: ReturnType<typeof createBoardStore>;
  lifecycle: CampaignLifecycle;
  readiness: ReadinessCheck[];
  /** This service's consumer groups' parked events (`deadLetterDesk`); without it, 503. */
  deadLetters?: DeadLetterDesk;
  /** An external OpenID Connect provider whose tokens are accepted too (`OIDC_ISSUER`). */
  oidc?: ExternalIssuerSettings;
  social: SocialAccountDeps & { importInsights: InsightsImport };
  /** Accounts and sign-in; `clientLimit` bounds the sign-up and sign-in requests of one client. */
  accounts: AccountStore;
  clientLimit: ClientLimit;
  /** The process's listener on a campaign's changes; without one, board streams answer 503. */
  live?: StreamListener;
};

/** The campaign API, built only from its dependencies so tests and main wire it the same way. */
export function buildCampaignApp(deps: CampaignAppDeps): Express {
  return buildServiceApp({
    ...deps,
    api: {
      title: 'Campaign API',
      description:
        'Accounts and sign-in, brands and their plans, campaigns, the marketplace, the board and the lifecycle actions.',
    },
    routes: [
      campaignRoutes(deps),
      lifecycleRoutes(deps),
      campaignChangeRoutes({ ...deps, changes: createCampaignChanges(deps.db) }),
      networkRoutes({
        ...deps,
        socialAccounts: deps.social.accounts,
        profiles: deps.social.profiles,
      }),
      collaborationRoutes(deps),
      resultImportRoutes({ ...deps, importInsights: deps.social.importInsights }),
      myCampaignRoutes({ myCampaigns: createMyCampaignsStore(deps.db) }),
      myProfileRoutes({ profiles: deps.social.profiles }),
      socialAccountRoutes(deps.social),
      opsAuditRoutes(deps),
      storyRoutes({ ...deps, stories: createStoryStore(deps.db) }),
      myAccountRoutes(deps),
      brandTeamRoutes(deps),
      opsAccountRoutes(deps),
      deadLetterRoutes(deps),
    ],
    // Signing up and signing in come before there is a token.
    publicRoutes: [signUpRoutes(deps), signInRoutes(deps)],
    // The social network fetches the story card without a token.
    linkRoutes: [storyCardRoutes(deps)],
  });
}

export { createBoardStore } from './db/board-store';
export { createIdempotencyStore } from './db/idempotency-store';
export { createNetworkStore } from './db/network-store';
export { createCollaborationStore } from './db/collaboration-store';
export { createCampaignStore } from './db/campaign-store';
export { createInfluencerProfileStore } from './db/influencer-profile-store';
export { createFinishedCampaignStore } from './db/finished-campaign-store';
export { createPrismaClient } from './db/prisma-client';
export { createStoryStore } from './db/story-store';
export { createCampaignChangeListener } from './db/campaign-changes';
export { consumeStoryDue, STORY_CONSUMER_GROUP } from './events/story-due-consumer';
export { temporalCampaignLifecycle } from './temporal/campaign-lifecycle';
export { tracedTemporalClient } from './temporal/traced-client';
export { campaignApi } from './campaign-api';
export { createSocialAccountStore } from './db/social-account-store';
export { createInsightsResultStore } from './db/insights-result-store';
export { createAccountStore, type AccountStore } from './accounts/account-store';
export { hashSignInCode, SIGN_IN_CODE_LIFETIME_MS } from './accounts/sign-in-codes';
export { createSocialTokenCipher, tokenKeyId } from './social/social-token-cipher';
export { DEV_SOCIAL_TOKEN_KEY, socialTokenSettings } from './social/social-settings';
