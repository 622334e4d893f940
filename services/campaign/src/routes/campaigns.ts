import { CampaignIdParams, CreateCampaignRequest } from '@campaign/contracts';
import {
  HttpProblem,
  identityOf,
  parseBody,
  parseParams,
  requireRole,
} from '@campaign/service-runtime';
import { Router } from 'express';
import type { CampaignStore } from '../db/campaign-store';
import { toCampaignView } from '../db/campaign-view';
import { canView, isOwner, publishRefusal } from '../domain/campaign-access';
import type { CampaignLifecycle } from '../temporal/campaign-lifecycle';

const campaignNotFound = (campaignId: string) =>
  new HttpProblem(404, 'Campaign not found', `There is no campaign ${campaignId} for you.`);

export function campaignRoutes(deps: { store: CampaignStore; lifecycle: CampaignLifecycle }) {
  const { store, lifecycle } = deps;
  const router = Router();

  router.post('/campaigns', async (req, res) => {
    const brand = requireRole(req, 'brand');
    const draft = parseBody(CreateCampaignRequest, req);
    const campaign = await store.createDraft(brand.brandId, brand.userId, draft);
    res.status(201).location(`/campaigns/${campaign.id}`).json(toCampaignView(campaign));
  });

  router.get('/campaigns/:campaignId', async (req, res) => {
    const { campaignId } = parseParams(CampaignIdParams, req);
    const campaign = await store.find(campaignId);
    if (!campaign || !canView(identityOf(req), campaign)) throw campaignNotFound(campaignId);
    res.json(toCampaignView(campaign));
  });

  router.post('/campaigns/:campaignId/publish', async (req, res) => {
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
  });

  return router;
}
