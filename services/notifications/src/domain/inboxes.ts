import { brandTeamKey, principalKey, type Identity } from '@campaign/service-runtime';

/** The inboxes a caller reads: their own, and for a brand user also their brand's team inbox. */
export function inboxesOf(identity: Identity): string[] {
  return identity.role === 'brand'
    ? [principalKey(identity), brandTeamKey(identity.brandId)]
    : [principalKey(identity)];
}
