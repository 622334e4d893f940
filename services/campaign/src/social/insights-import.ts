import type { PostedResult, SocialAccountStatus } from '@campaign/contracts';
import { influencerKey } from '@campaign/service-runtime';
import { SocialNetworkError, type SocialNetwork } from '@campaign/social-network';
import type { InsightsResultStore } from '../db/insights-result-store';
import type { SocialAccountStore } from '../db/social-account-store';
import { markIfTokenLost, usableAccount } from './account-access';

/**
 * What importing a post came to: stored (or, imported before, that result brought up to date);
 * refused because the collaborator has no live account (`account` says which state it is in);
 * refused because the link is not a post of their account.
 */
export type InsightsImportOutcome =
  | { outcome: 'imported'; created: boolean; result: PostedResult }
  | { outcome: 'no-account'; account: Exclude<SocialAccountStatus, 'connected'> }
  | { outcome: 'not-on-account'; username: string };

export type InsightsImport = (request: {
  campaignId: string;
  influencerId: string;
  postUrl: string;
}) => Promise<InsightsImportOutcome>;

/**
 * Imports a collaborator's post: its link resolved to a post of their connected account through
 * the port, its insights read and stored as a result marked `insights`. An expired or revoked token
 * marks the account (as the audience refresh does) and refuses; a rate limit or an outage is
 * thrown, nothing stored, for the caller to answer 503.
 */
export function createInsightsImport(deps: {
  network: SocialNetwork;
  accounts: SocialAccountStore;
  results: InsightsResultStore;
  now?: () => Date;
}): InsightsImport {
  const now = deps.now ?? (() => new Date());
  return async ({ campaignId, influencerId, postUrl }) => {
    const principal = influencerKey(influencerId);
    const row = await deps.accounts.find(principal);
    if (!row) return { outcome: 'no-account', account: 'disconnected' };
    if (row.status !== 'connected') return { outcome: 'no-account', account: row.status };
    const account = await usableAccount(deps.accounts, principal);
    if (account === 'not-connected') return { outcome: 'no-account', account: 'disconnected' };
    if (account === 'expired') return { outcome: 'no-account', account: 'expired' };
    const access = { accountId: account.accountId, accessToken: account.accessToken };
    try {
      const post = await deps.network.findPost(access, postUrl);
      if (!post) return { outcome: 'not-on-account', username: row.username };
      const insights = await deps.network.postInsights(access, post.mediaId);
      const stored = await deps.results.importPost({
        campaignId,
        influencerId,
        postUrl,
        mediaId: post.mediaId,
        insights,
        at: now(),
      });
      return { outcome: 'imported', ...stored };
    } catch (error) {
      if (!(error instanceof SocialNetworkError) || error.transient) throw error;
      const lost = await markIfTokenLost(deps.accounts, principal, error);
      if (lost) return { outcome: 'no-account', account: lost };
      if (error.kind === 'not_found' || error.kind === 'invalid_request') {
        // The network does not know the post (deleted since, or not the account's to read).
        return { outcome: 'not-on-account', username: row.username };
      }
      throw error;
    }
  };
}
