import { influencerKey } from '@campaign/service-runtime';
import { SocialNetworkError, type SocialNetwork } from '@campaign/social-network';
import type { InsightsResultStore } from '../db/insights-result-store';
import type { SocialAccountStore } from '../db/social-account-store';
import { markIfTokenLost, usableAccount } from './account-access';

/**
 * What refreshing one imported result came to: its figures rewritten; its collaborator's account
 * found lost (marked, for them and ops to see) or not connected; the result gone; or given up on
 * for a reason the network gave that retrying would not change (the post deleted, say).
 */
export type InsightsRefreshOutcome =
  | { outcome: 'refreshed' | 'expired' | 'revoked' | 'not-connected' | 'gone' }
  | { outcome: 'failed'; reason: string };

export type InsightsRefresh = (resultId: string) => Promise<InsightsRefreshOutcome>;

/**
 * Reads an imported result's post insights again through the port and writes the figures and
 * when they were read. A transient error (rate limit, outage) is thrown for the activity's retry
 * policy; a lost token marks the account and is an outcome, so the run goes on with the others.
 */
export function createInsightsRefresh(deps: {
  network: SocialNetwork;
  accounts: SocialAccountStore;
  results: InsightsResultStore;
  now?: () => Date;
}): InsightsRefresh {
  const now = deps.now ?? (() => new Date());
  return async (resultId) => {
    const result = await deps.results.toRefresh(resultId);
    if (!result) return { outcome: 'gone' };
    const principal = influencerKey(result.influencerId);
    const account = await usableAccount(deps.accounts, principal);
    if (typeof account === 'string') return { outcome: account };
    try {
      const insights = await deps.network.postInsights(
        { accountId: account.accountId, accessToken: account.accessToken },
        result.mediaId,
      );
      await deps.results.writeInsights(result.id, insights, now());
      return { outcome: 'refreshed' };
    } catch (error) {
      if (!(error instanceof SocialNetworkError) || error.transient) throw error;
      const lost = await markIfTokenLost(deps.accounts, principal, error);
      if (lost) return { outcome: lost };
      return { outcome: 'failed', reason: `${error.kind}: ${error.message}` };
    }
  };
}
