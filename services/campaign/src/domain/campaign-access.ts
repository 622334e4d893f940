import type { Identity } from '@campaign/service-runtime';

type Owned = { brandId: string; status: 'draft' | 'published' | 'closed' };

/**
 * Who may see a campaign: its own brand and ops always; influencers once it is on the marketplace.
 * Anyone else gets the same answer as for a campaign that does not exist. Acting on a campaign
 * needs this too, besides a role the route is for: only its own brand among brands manages it.
 */
export function canView(identity: Identity, campaign: Owned): boolean {
  switch (identity.role) {
    case 'ops':
      return true;
    case 'brand':
      return identity.brandId === campaign.brandId;
    case 'influencer':
      return campaign.status !== 'draft';
  }
}

/** Why a campaign cannot be published now, in the words the brand will read; null if it can. */
export function publishRefusal(campaign: Owned): string | null {
  if (campaign.status !== 'draft') {
    return 'The campaign is already published; a campaign is published once.';
  }
  return null;
}
