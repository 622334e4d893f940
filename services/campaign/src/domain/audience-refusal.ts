import type { SocialAccountStatus } from '@campaign/contracts';

/**
 * Why an influencer may not apply to a campaign that asks for a follower minimum, on account of
 * where their figures come from; null when they may (the follower count itself is the workflow's
 * rule). Figures count only from a connected account, or imported ones (the dev seed's demo
 * influencers); a profile's own zero, or the last figures of an account that has since expired,
 * been revoked or disconnected, do not.
 */
export function audienceRefusal(
  minFollowers: number | undefined,
  account: SocialAccountStatus,
  imported: boolean,
): string | null {
  if (minFollowers === undefined || account === 'connected' || imported) return null;
  const asks = `this campaign asks for at least ${minFollowers} followers`;
  switch (account) {
    case 'expired':
      return `Connect your Instagram account again (its access expired): ${asks}.`;
    case 'revoked':
      return `Connect your Instagram account again (its access was revoked): ${asks}.`;
    case 'disconnected':
      return `Connect your Instagram account: ${asks}.`;
  }
}
