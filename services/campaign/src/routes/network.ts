import {
  CampaignIdParams,
  DEFAULT_INVITATION_TEMPLATE,
  InvitationRequest,
  InvitationTemplateView,
  InvitationView,
  NetworkPage,
  NetworkSearchQuery,
  Qualifications,
} from '@campaign/contracts';
import {
  ApiRoutes,
  HttpProblem,
  idempotentRequestId,
  parseBody,
  parseParams,
  parseQuery,
  principalKey,
  type Caller,
} from '@campaign/service-runtime';
import { z } from 'zod';
import type { CampaignStore } from '../db/campaign-store';
import type { NetworkStore } from '../db/network-store';
import { networkRefusal } from '../domain/plans';
import { audienceRefusal } from '../domain/audience-refusal';
import type { InfluencerProfileStore } from '../db/influencer-profile-store';
import type { SocialAccountStore } from '../db/social-account-store';
import { invitationText } from '../domain/invitation-text';
import { requireAccepted } from './require-accepted';
import type { Request } from 'express';
import type { CampaignLifecycle } from '../temporal/campaign-lifecycle';
import { campaignLoader } from './campaign-guard';

const ApplicationAccepted = z.object({ campaignId: z.uuid(), influencerId: z.string() });
const forItsBrandOnTheNetwork = {
  roles: ['brand' as const],
  rolesNote: 'its own brand, on Professional or Enterprise',
};

/** The Network (brands on Professional or Enterprise) and applying to a campaign (influencers). */
export function networkRoutes(deps: {
  store: CampaignStore;
  network: NetworkStore;
  lifecycle: CampaignLifecycle;
  socialAccounts: Pick<SocialAccountStore, 'find'>;
  profiles: Pick<InfluencerProfileStore, 'audienceImported'>;
}) {
  const { store, network, lifecycle } = deps;
  const routes = new ApiRoutes();
  const loadCampaign = campaignLoader(store);

  /** The Network is for the Professional and Enterprise plans; a brand on another is refused. */
  async function refuseWithoutNetwork(brand: Caller<'brand'>) {
    const refusal = networkRefusal(await network.planOf(brand.brandId));
    if (refusal) throw new HttpProblem(403, 'Not on your plan', refusal);
  }

  /** A brand on Professional or Enterprise, acting on its own published campaign. */
  async function networkCampaign(req: Request, brand: Caller<'brand'>) {
    const { campaignId } = parseParams(CampaignIdParams, req);
    await refuseWithoutNetwork(brand);
    return loadCampaign(campaignId, brand, { published: true });
  }

  routes.add(
    {
      method: 'get',
      path: '/network',
      summary: 'Search influencers who have not applied to a campaign',
      roles: ['brand'],
      rolesNote: 'on Professional or Enterprise, for its own campaign',
      query: NetworkSearchQuery,
      success: { status: 200, description: 'A page of influencers', schema: NetworkPage },
      // Besides the role: a brand whose plan has no Network.
      refusals: [403, 404],
    },
    async (req, res, brand) => {
      const query = parseQuery(NetworkSearchQuery, req);
      await refuseWithoutNetwork(brand);
      await loadCampaign(query.campaignId, brand);
      const page = await network.search(query);
      if (page === 'bad-cursor') {
        throw new HttpProblem(400, 'Invalid request', 'The cursor is not one this API returned.');
      }
      res.json(page);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/campaigns/:campaignId/invitations/template',
      summary: 'The default invitation text, to edit before sending',
      ...forItsBrandOnTheNetwork,
      params: CampaignIdParams,
      success: { status: 200, description: 'The template', schema: InvitationTemplateView },
      refusals: [403, 404, 409],
    },
    async (req, res, brand) => {
      await networkCampaign(req, brand);
      res.json({ template: DEFAULT_INVITATION_TEMPLATE });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/campaigns/:campaignId/invitations',
      summary: 'Invite an influencer from the Network; the Messenger delivers the text',
      ...forItsBrandOnTheNetwork,
      params: CampaignIdParams,
      body: InvitationRequest,
      success: { status: 201, description: 'Invited', schema: InvitationView },
      refusals: [403, 404, 409],
    },
    async (req, res, brand) => {
      const campaign = await networkCampaign(req, brand);
      const { influencerId, template } = parseBody(InvitationRequest, req);
      const influencer = await network.card(influencerId);
      if (!influencer) {
        throw new HttpProblem(
          404,
          'Influencer not found',
          `There is no influencer ${influencerId}.`,
        );
      }
      const message = invitationText(template ?? DEFAULT_INVITATION_TEMPLATE, {
        influencer: influencer.displayName,
        campaign: campaign.title,
        brand: (await network.brandName(brand.brandId)) ?? brand.brandId,
      });
      const outcome = await lifecycle.act(
        campaign.id,
        'invite',
        { influencerId, invitedBy: brand.userId, message },
        idempotentRequestId(req),
      );
      requireAccepted(outcome);
      res.status(201).json({ campaignId: campaign.id, influencerId, message });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/campaigns/:campaignId/applications',
      summary: 'Apply to a campaign (qualifications are checked against my profile)',
      roles: ['influencer'],
      rolesNote: 'once the campaign is on the marketplace',
      params: CampaignIdParams,
      success: { status: 201, description: 'Applied: pending', schema: ApplicationAccepted },
      refusals: [404, 409, 422],
    },
    async (req, res, influencer) => {
      const { campaignId } = parseParams(CampaignIdParams, req);
      const campaign = await loadCampaign(campaignId, influencer);
      const profile = await network.profile(influencer.userId);
      if (!profile) {
        throw new HttpProblem(
          422,
          'No influencer profile',
          'Complete your influencer profile (audience, niches, country) before applying.',
        );
      }
      // Decided here, before the workflow is asked: whether the figures come from a connected
      // account is the campaign service's to know (its social accounts), not the workflow's.
      const { minFollowers } = Qualifications.parse(campaign.qualifications);
      if (minFollowers !== undefined) {
        const account = await deps.socialAccounts.find(principalKey(influencer));
        const refusal = audienceRefusal(
          minFollowers,
          account?.status ?? 'disconnected',
          await deps.profiles.audienceImported(influencer.userId),
        );
        if (refusal) throw new HttpProblem(422, 'Connect your Instagram account', refusal);
      }
      const outcome = await lifecycle.act(
        campaignId,
        'apply',
        { influencerId: influencer.userId, profile },
        idempotentRequestId(req),
      );
      requireAccepted(outcome);
      res.status(201).json({ campaignId, influencerId: influencer.userId });
    },
  );

  return routes;
}
