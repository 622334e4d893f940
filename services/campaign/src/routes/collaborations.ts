import {
  CampaignIdParams,
  CampaignResults,
  CollaboratorList,
  PostedResult,
  ResultUpload,
} from '@campaign/contracts';
import {
  ApiRoutes,
  HttpProblem,
  type Identity,
  parseBody,
  parseParams,
} from '@campaign/service-runtime';
import type { Request } from 'express';
import type { CampaignStore } from '../db/campaign-store';
import type { CollaborationStore } from '../db/collaboration-store';
import { addressWorkbook } from '../domain/address-workbook';
import { resultTotals } from '../domain/result-totals';
import { campaignLoader } from './campaign-guard';

/**
 * The group after the start: names and shipping addresses, which a brand sees for its own
 * collaborators only and never before the collaboration has started.
 */
export function collaborationRoutes(deps: {
  store: CampaignStore;
  collaborations: CollaborationStore;
}) {
  const { store, collaborations } = deps;
  const routes = new ApiRoutes();
  const loadCampaign = campaignLoader(store);
  const forItsBrandAndOps = { roles: ['brand', 'ops'] as const, rolesNote: 'its own brand, ops' };

  /** The campaign the request names, once its collaboration has started. */
  async function startedCampaign(req: Request, caller: Identity) {
    const { campaignId } = parseParams(CampaignIdParams, req);
    const campaign = await loadCampaign(campaignId, caller);
    if (!campaign.collaborationStartedAt) {
      throw new HttpProblem(
        409,
        'Collaboration not started',
        'The collaboration has not started; its group, their addresses and results come after the start.',
      );
    }
    return campaign;
  }

  routes.add(
    {
      method: 'get',
      path: '/campaigns/:campaignId/collaborations',
      summary: 'The collaborators, with names and shipping addresses (after the start)',
      ...forItsBrandAndOps,
      params: CampaignIdParams,
      success: { status: 200, description: 'The group', schema: CollaboratorList },
      refusals: [404, 409],
    },
    async (req, res, caller) => {
      const campaign = await startedCampaign(req, caller);
      res.json({ items: await collaborations.collaborators(campaign.id) });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/campaigns/:campaignId/collaborations/addresses.xlsx',
      summary: 'The collaborators’ shipping addresses as an Excel (.xlsx) file',
      ...forItsBrandAndOps,
      params: CampaignIdParams,
      success: { status: 200, description: 'An .xlsx workbook' },
      refusals: [404, 409],
    },
    async (req, res, caller) => {
      const campaign = await startedCampaign(req, caller);
      const workbook = await addressWorkbook(
        campaign.title,
        await collaborations.collaborators(campaign.id),
      );
      res
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .attachment(`shipping-addresses-${campaign.id}.xlsx`)
        .send(workbook);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/campaigns/:campaignId/results',
      summary: 'Upload the results of a post, typed in (marked `manual`)',
      roles: ['influencer'],
      rolesNote: 'a collaborator of the campaign',
      params: CampaignIdParams,
      body: ResultUpload,
      success: { status: 201, description: 'Stored', schema: PostedResult },
      refusals: [404],
    },
    async (req, res, influencer) => {
      const { campaignId } = parseParams(CampaignIdParams, req);
      const upload = parseBody(ResultUpload, req);
      if (!(await collaborations.isCollaborator(campaignId, influencer.userId))) {
        throw new HttpProblem(
          404,
          'Collaboration not found',
          'You are not in the group of this campaign; results come from its collaborators.',
        );
      }
      res.status(201).json(await collaborations.addResult(campaignId, influencer.userId, upload));
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/campaigns/:campaignId/results',
      summary: 'Results per collaborator and in total',
      ...forItsBrandAndOps,
      params: CampaignIdParams,
      success: { status: 200, description: 'Results', schema: CampaignResults },
      refusals: [404, 409],
    },
    async (req, res, caller) => {
      const campaign = await startedCampaign(req, caller);
      const group = await collaborations.collaborators(campaign.id);
      const posts = await collaborations.results(campaign.id);
      res.json(
        resultTotals(
          group.map((member) => member.influencerId),
          posts,
        ),
      );
    },
  );

  return routes;
}
