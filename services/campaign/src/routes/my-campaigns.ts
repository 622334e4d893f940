import { MyAgreementList, MyApplicationList } from '@campaign/contracts';
import { ApiRoutes } from '@campaign/service-runtime';
import type { MyCampaignsStore } from '../db/my-campaigns-store';

/** An influencer's own side of the marketplace: where they applied and what they must sign. */
export function myCampaignRoutes(deps: { myCampaigns: MyCampaignsStore }) {
  const routes = new ApiRoutes();

  routes.add(
    {
      method: 'get',
      path: '/me/applications',
      summary: 'My applications and, once the collaboration starts, whether I am in the group',
      roles: ['influencer'],
      success: { status: 200, description: 'My applications', schema: MyApplicationList },
    },
    async (req, res, influencer) => {
      res.json({ items: await deps.myCampaigns.applications(influencer.userId) });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/me/agreements',
      summary: 'My agreements: pending ones with the deadline to sign',
      roles: ['influencer'],
      success: { status: 200, description: 'My agreements', schema: MyAgreementList },
    },
    async (req, res, influencer) => {
      res.json({ items: await deps.myCampaigns.agreements(influencer.userId) });
    },
  );

  return routes;
}
