import type { Identity } from '@campaign/service-runtime';
import type { CampaignStore } from '../db/campaign-store';
import type { Campaign } from '../generated/prisma/client';
import { canView } from '../domain/campaign-access';
import { campaignNotFound, campaignNotPublished } from './campaign-problems';

/** What a route needs of the campaign it names, beyond the caller being allowed to reach it. */
export type CampaignNeed = { published?: boolean };

/**
 * The one way a route reaches the campaign it names. The route's roles, enforced before it runs,
 * decide who may act; this decides on which campaigns: a brand its own, ops every one, an
 * influencer those on the marketplace. Any other campaign gets the 404 of one that does not
 * exist, so a stranger learns nothing; a draft gets 409 where the route needs it published.
 */
export function campaignLoader(store: Pick<CampaignStore, 'find'>) {
  return async function loadCampaign(
    campaignId: string,
    caller: Identity,
    need: CampaignNeed = {},
  ): Promise<Campaign> {
    const campaign = await store.find(campaignId);
    if (!campaign || !canView(caller, campaign)) throw campaignNotFound(campaignId);
    if (need.published && campaign.status === 'draft') throw campaignNotPublished();
    return campaign;
  };
}
