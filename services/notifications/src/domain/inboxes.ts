import {
  brandTeamKey,
  principalKey,
  supportTeamKey,
  type Identity,
} from '@campaign/service-runtime';

/**
 * The inboxes a caller reads: their own, for a brand user also their brand's team inbox, and for
 * ops also the support team's (support messages nobody has taken yet).
 */
export function inboxesOf(identity: Identity): string[] {
  switch (identity.role) {
    case 'brand':
      return [principalKey(identity), brandTeamKey(identity.brandId)];
    case 'ops':
      return [principalKey(identity), supportTeamKey()];
    case 'influencer':
      return [principalKey(identity)];
  }
}
