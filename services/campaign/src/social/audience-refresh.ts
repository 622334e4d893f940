import { DAY_SECONDS, TOKEN_REFRESH_BEFORE_DAYS } from '@campaign/contracts';
import { SocialNetworkError, type SocialNetwork } from '@campaign/social-network';
import type { InfluencerProfileStore } from '../db/influencer-profile-store';
import type { SocialAccountStore } from '../db/social-account-store';
import { markIfTokenLost, usableAccount } from './account-access';

/**
 * What refreshing one account came to: its audience written, the account found lost (the
 * influencer must connect again), nothing to do (not connected), or given up on for a reason the
 * network gave that retrying would not change.
 */
export type AudienceRefreshOutcome =
  | { outcome: 'refreshed'; followers: number }
  | { outcome: 'expired' | 'revoked' | 'not-connected' }
  | { outcome: 'failed'; reason: string };

export type AudienceRefresh = (principal: string) => Promise<AudienceRefreshOutcome>;

/**
 * Refreshes one connected account: its token first when it expires within
 * TOKEN_REFRESH_BEFORE_DAYS, then its audience, written into the profile through the profile store
 * (so the change is announced). An expired or revoked token marks the account so; a transient
 * error (rate limit, network down) is thrown for the caller to retry (the activity's retry policy,
 * or the influencer). The daily Schedule's activity and the on-demand refresh both run this.
 */
export function createAudienceRefresh(deps: {
  network: SocialNetwork;
  accounts: SocialAccountStore;
  profiles: InfluencerProfileStore;
  now?: () => Date;
}): AudienceRefresh {
  const now = deps.now ?? (() => new Date());
  return async (principal) => {
    const account = await usableAccount(deps.accounts, principal);
    if (typeof account === 'string') return { outcome: account };
    try {
      let accessToken = account.accessToken;
      const refreshBy = now().getTime() + TOKEN_REFRESH_BEFORE_DAYS * DAY_SECONDS * 1000;
      if (!account.expiresAt || account.expiresAt.getTime() <= refreshBy) {
        const fresh = await deps.network.refreshToken(accessToken);
        await deps.accounts.saveToken(principal, fresh);
        accessToken = fresh.accessToken;
      }
      const audience = await deps.network.audience({ accountId: account.accountId, accessToken });
      await deps.profiles.writeAudience(account.influencerId, audience);
      await deps.accounts.markRefreshed(principal, now());
      return { outcome: 'refreshed', followers: audience.followers };
    } catch (error) {
      if (!(error instanceof SocialNetworkError) || error.transient) throw error;
      const lost = await markIfTokenLost(deps.accounts, principal, error);
      if (lost) return { outcome: lost };
      return { outcome: 'failed', reason: `${error.kind}: ${error.message}` };
    }
  };
}
