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
  identityOf,
  parseBody,
  parseParams,
  parseQuery,
  requireRole,
} from '@campaign/service-runtime';
import type { CampaignStore } from '../db/campaign-store';
import { toCampaignView } from '../db/campaign-view';
import { canView, isOwner, publishRefusal } from '../domain/campaign-access';
import type { CampaignLifecycle } from '../temporal/campaign-lifecycle';
import { campaignNotFound } from './campaign-problems';

const PublishAccepted = z.object({
  campaignId: z.uuid(),
  workflowId: z.string(),
  status: z.literal('publishing'),
});

export function campaignRoutes(deps: { store: CampaignStore; lifecycle: CampaignLifecycle }) {
  const { store, lifecycle } = deps;
  const routes = new ApiRoutes();

  routes.add(
    {
      method: 'post',
      path: '/campaigns',
      summary: 'Create a draft campaign',
      roles: 'brand',
      body: CreateCampaignRequest,
      success: { status: 201, description: 'The draft', schema: CampaignView },
      refusals: [403],
    },
    async (req, res) => {
      const brand = requireRole(req, 'brand');
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
      roles: 'brand (its own), ops',
      query: CampaignListQuery,
      success: { status: 200, description: 'A page of campaigns', schema: CampaignPage },
      refusals: [403],
    },
    async (req, res) => {
      const caller = requireRole(req, 'brand', 'ops');
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
      roles: 'its brand, ops; influencers once published',
      params: CampaignIdParams,
      success: { status: 200, description: 'The campaign', schema: CampaignView },
      refusals: [404],
    },
    async (req, res) => {
      const { campaignId } = parseParams(CampaignIdParams, req);
      const campaign = await store.find(campaignId);
      if (!campaign || !canView(identityOf(req), campaign)) throw campaignNotFound(campaignId);
      res.json(toCampaignView(campaign));
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/campaigns/:campaignId/publish',
      summary: 'Publish a draft to the marketplace: starts its seven-day workflow',
      roles: 'its brand',
      params: CampaignIdParams,
      success: { status: 202, description: 'Publishing', schema: PublishAccepted },
      refusals: [403, 404, 409],
    },
    async (req, res) => {
      const brand = requireRole(req, 'brand');
      const { campaignId } = parseParams(CampaignIdParams, req);
      const campaign = await store.find(campaignId);
      if (!campaign || !isOwner(brand, campaign)) throw campaignNotFound(campaignId);
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
      roles: 'its brand',
      params: CampaignIdParams,
      body: EditCampaignRequest,
      success: { status: 200, description: 'The edited draft', schema: CampaignView },
      refusals: [403, 404, 409],
    },
    async (req, res) => {
      const brand = requireRole(req, 'brand');
      const { campaignId } = parseParams(CampaignIdParams, req);
      const edit = parseBody(EditCampaignRequest, req);
      const campaign = await store.find(campaignId);
      if (!campaign || !isOwner(brand, campaign)) throw campaignNotFound(campaignId);
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
      roles: 'anyone signed in',
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
