import { CampaignIdParams } from '@campaign/contracts';
import { ApiRoutes, parseParams } from '@campaign/service-runtime';
import type { CampaignStore } from '../db/campaign-store';
import { renderStoryCard } from '../domain/story-card';
import { campaignNotFound } from './campaign-problems';

/**
 * The story card the social network fetches when a brand gave no image: public, as the network
 * fetches it without a token. It shows only what the marketplace shows (the title) and only for
 * published campaigns; a draft's, like an unknown campaign's, is not found.
 */
export function storyCardRoutes(deps: { store: Pick<CampaignStore, 'find'> }) {
  const routes = new ApiRoutes();
  routes.add(
    {
      method: 'get',
      path: '/story-cards/:campaignId.jpg',
      summary: "A campaign's story card: its title on the platform's card (JPEG, 1080 × 1920)",
      roles: [],
      signedLink: true,
      params: CampaignIdParams,
      success: { status: 200, description: 'The card (image/jpeg)' },
      refusals: [404],
    },
    async (req, res) => {
      const { campaignId } = parseParams(CampaignIdParams, req);
      const campaign = await deps.store.find(campaignId);
      if (!campaign || campaign.status === 'draft') throw campaignNotFound(campaignId);
      res
        .type('image/jpeg')
        .set('cache-control', 'public, max-age=300')
        .send(renderStoryCard(campaign.title));
    },
  );
  return routes;
}
