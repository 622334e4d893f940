import {
  CampaignIdParams,
  CampaignListQuery,
  CampaignPage,
  CampaignView,
  CreateCampaignRequest,
  EditCampaignRequest,
  MarketplacePage,
  MarketplaceQuery,
} from '@campaign/contracts';
import { z } from 'zod';
import {
  ApiRoutes,
  HttpProblem,
  cursorPosition,
  pageOf,
  parseBody,
  parseParams,
  parseQuery,
  ROLES,
} from '@campaign/service-runtime';
import type { CampaignStore } from '../db/campaign-store';
import { toCampaignView } from '../db/campaign-view';
import { publishRefusal } from '../domain/campaign-access';
import type { CampaignLifecycle } from '../temporal/campaign-lifecycle';
import { campaignLoader } from './campaign-guard';

const PublishAccepted = z.object({
  campaignId: z.uuid(),
  workflowId: z.string(),
  status: z.literal('publishing'),
});

export function campaignRoutes(deps: { store: CampaignStore; lifecycle: CampaignLifecycle }) {
  const { store, lifecycle } = deps;
  const routes = new ApiRoutes();
  const loadCampaign = campaignLoader(store);

  routes.add(
    {
      method: 'post',
      path: '/campaigns',
      summary: 'Create a draft campaign',
      roles: ['brand'],
      body: CreateCampaignRequest,
      success: { status: 201, description: 'The draft', schema: CampaignView },
    },
    async (req, res, brand) => {
      const draft = parseBody(CreateCampaignRequest, req);
      const campaign = await store.createDraft(brand.brandId, brand.userId, draft);
      res.status(201).location(`/campaigns/${campaign.id}`).json(toCampaignView(campaign));
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/campaigns',
      summary: "My brand's campaigns, newest first (ops: every brand's, or one brand's)",
      roles: ['brand', 'ops'],
      rolesNote: 'a brand its own, ops any brand’s',
      query: CampaignListQuery,
      success: { status: 200, description: 'A page of campaigns', schema: CampaignPage },
      // Besides the role: a brand asking for another brand's campaigns.
      refusals: [403],
    },
    async (req, res, caller) => {
      const query = parseQuery(CampaignListQuery, req);
      if (caller.role === 'brand' && query.brandId && query.brandId !== caller.brandId) {
        throw new HttpProblem(403, 'Forbidden', "Listing another brand's campaigns is for ops.");
      }
      const brandId = caller.role === 'brand' ? caller.brandId : query.brandId;
      const rows = await store.list(
        { ...(brandId ? { brandId } : {}), ...(query.status ? { status: query.status } : {}) },
        query.limit,
        cursorPosition(query.cursor),
      );
      const { page, nextCursor } = pageOf(rows, query.limit, (row) => ({
        at: row.createdAt,
        id: row.id,
      }));
      res.json({ items: page.map(toCampaignView), nextCursor });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/campaigns/:campaignId',
      summary: 'A campaign',
      roles: ROLES,
      rolesNote: 'its brand, ops; influencers once published',
      params: CampaignIdParams,
      success: { status: 200, description: 'The campaign', schema: CampaignView },
      refusals: [404],
    },
    async (req, res, caller) => {
      const { campaignId } = parseParams(CampaignIdParams, req);
      res.json(toCampaignView(await loadCampaign(campaignId, caller)));
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/campaigns/:campaignId/publish',
      summary: 'Publish a draft to the marketplace: starts its seven-day workflow',
      roles: ['brand'],
      rolesNote: 'its own brand',
      params: CampaignIdParams,
      success: { status: 202, description: 'Publishing', schema: PublishAccepted },
      refusals: [404, 409],
    },
    async (req, res, brand) => {
      const { campaignId } = parseParams(CampaignIdParams, req);
      const campaign = await loadCampaign(campaignId, brand);
      const refusal = publishRefusal(campaign);
      if (refusal) throw new HttpProblem(409, 'Already published', refusal);

      const view = toCampaignView(campaign);
      const { started, workflowId } = await lifecycle.start({
        campaignId: campaign.id,
        brandId: campaign.brandId,
        title: campaign.title,
        publishedBy: brand.userId,
        qualifications: view.qualifications,
        storyImageUrls: view.storyImageUrls,
        schedule: view.schedule,
      });
      if (!started) {
        throw new HttpProblem(
          409,
          'Already published',
          publishRefusal({ ...campaign, status: 'published' })!,
        );
      }
      // The workflow records the publish moment and announces it; the read model follows shortly.
      res.status(202).json({ campaignId: campaign.id, workflowId, status: 'publishing' });
    },
  );

  routes.add(
    {
      method: 'patch',
      path: '/campaigns/:campaignId',
      summary: 'Edit a draft campaign',
      roles: ['brand'],
      rolesNote: 'its own brand',
      params: CampaignIdParams,
      body: EditCampaignRequest,
      success: { status: 200, description: 'The edited draft', schema: CampaignView },
      refusals: [404, 409],
    },
    async (req, res, brand) => {
      const { campaignId } = parseParams(CampaignIdParams, req);
      const edit = parseBody(EditCampaignRequest, req);
      await loadCampaign(campaignId, brand);
      if (!(await store.editDraft(campaignId, edit))) {
        throw new HttpProblem(409, 'Not a draft', 'A published campaign can no longer be edited.');
      }
      res.json(toCampaignView((await store.find(campaignId))!));
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/marketplace',
      summary: 'Campaigns open for applications, newest first',
      roles: ROLES,
      rolesNote: 'anyone signed in',
      query: MarketplaceQuery,
      success: { status: 200, description: 'A page of campaigns', schema: MarketplacePage },
    },
    async (req, res) => {
      const query = parseQuery(MarketplaceQuery, req);
      const rows = await store.marketplace(query, cursorPosition(query.cursor));
      const { page, nextCursor } = pageOf(rows, query.limit, (row) =>
        row.publishedAt ? { at: row.publishedAt, id: row.id } : null,
      );
      res.json({ items: page.map(toCampaignView), nextCursor });
    },
  );

  return routes;
}
