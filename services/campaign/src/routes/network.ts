import { CampaignIdParams, NetworkPage, NetworkSearchQuery } from '@campaign/contracts';
import {
  ApiRoutes,
  HttpProblem,
  parseParams,
  parseQuery,
  requireRole,
} from '@campaign/service-runtime';
import { z } from 'zod';
import type { CampaignStore } from '../db/campaign-store';
import type { NetworkStore } from '../db/network-store';
import { canView, isOwner } from '../domain/campaign-access';
import { networkRefusal } from '../domain/plans';
import { refusalStatus } from '../domain/refusal-status';
import type { CampaignLifecycle } from '../temporal/campaign-lifecycle';

const ApplicationAccepted = z.object({ campaignId: z.uuid(), influencerId: z.string() });

/** The Network (brands on Professional or Enterprise) and applying to a campaign (influencers). */
export function networkRoutes(deps: {
  store: CampaignStore;
  network: NetworkStore;
  lifecycle: CampaignLifecycle;
}) {
  const { store, network, lifecycle } = deps;
  const routes = new ApiRoutes();

  routes.add(
    {
      method: 'get',
      path: '/network',
      summary: 'Search influencers who have not applied to a campaign',
      roles: 'a brand on Professional or Enterprise, for its own campaign',
      query: NetworkSearchQuery,
      success: { status: 200, description: 'A page of influencers', schema: NetworkPage },
      refusals: [403, 404],
    },
    async (req, res) => {
      const brand = requireRole(req, 'brand');
      const query = parseQuery(NetworkSearchQuery, req);
      const refusal = networkRefusal(await network.planOf(brand.brandId));
      if (refusal) throw new HttpProblem(403, 'Not on your plan', refusal);
      const campaign = await store.find(query.campaignId);
      if (!campaign || !isOwner(brand, campaign)) {
        throw new HttpProblem(
          404,
          'Campaign not found',
          `There is no campaign ${query.campaignId} for you.`,
        );
      }
      const page = await network.search(query);
      if (page === 'bad-cursor') {
        throw new HttpProblem(400, 'Invalid request', 'The cursor is not one this API returned.');
      }
      res.json(page);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/campaigns/:campaignId/applications',
      summary: 'Apply to a campaign (qualifications are checked against my profile)',
      roles: 'influencer',
      params: CampaignIdParams,
      success: { status: 201, description: 'Applied: pending', schema: ApplicationAccepted },
      refusals: [403, 404, 409, 422],
    },
    async (req, res) => {
      const influencer = requireRole(req, 'influencer');
      const { campaignId } = parseParams(CampaignIdParams, req);
      const campaign = await store.find(campaignId);
      if (!campaign || !canView(influencer, campaign)) {
        throw new HttpProblem(
          404,
          'Campaign not found',
          `There is no campaign ${campaignId} for you.`,
        );
      }
      const profile = await network.profile(influencer.userId);
      if (!profile) {
        throw new HttpProblem(
          422,
          'No influencer profile',
          'Complete your influencer profile (audience, niches, country) before applying.',
        );
      }
      const outcome = await lifecycle.act(campaignId, 'apply', {
        influencerId: influencer.userId,
        profile,
      });
      if (!outcome.accepted) {
        throw new HttpProblem(
          refusalStatus(outcome.refusal),
          'Refused by the campaign rules',
          outcome.refusal.message,
        );
      }
      res.status(201).json({ campaignId, influencerId: influencer.userId });
    },
  );

  return routes;
}
