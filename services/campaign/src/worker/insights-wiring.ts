import type { InsightsActivities } from '@campaign/workflows';
import type { SocialNetwork } from '@campaign/social-network';
import { createInsightsResultStore } from '../db/insights-result-store';
import type { CampaignDb } from '../db/prisma-client';
import { createSocialAccountStore } from '../db/social-account-store';
import { createInsightsRefresh } from '../social/insights-refresh';
import { createSocialTokenCipher } from '../social/social-token-cipher';
import { createInsightsActivities } from './insights-activities';

/** The insights refresh's activities on the service's database and the social network. */
export function insightsActivities(options: {
  db: CampaignDb;
  network: SocialNetwork;
  tokenKey: Buffer;
  previousTokenKeys?: Buffer[];
  /** How long a collaboration runs after its start (its campaign's grace period), in seconds. */
  collaborationRunsForSeconds: number;
}): InsightsActivities {
  const accounts = createSocialAccountStore(
    options.db,
    createSocialTokenCipher(options.tokenKey, options.previousTokenKeys),
  );
  const results = createInsightsResultStore(options.db);
  return createInsightsActivities({
    results,
    refresh: createInsightsRefresh({ network: options.network, accounts, results }),
    runsForSeconds: options.collaborationRunsForSeconds,
  });
}
