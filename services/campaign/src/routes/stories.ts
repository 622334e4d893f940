import {
  CampaignIdParams,
  CampaignStoryView,
  StoryListQuery,
  StoryPage,
} from '@campaign/contracts';
import {
  ApiRoutes,
  cursorPosition,
  pageOf,
  parseParams,
  parseQuery,
} from '@campaign/service-runtime';
import type { CampaignStore } from '../db/campaign-store';
import type { CampaignDb } from '../db/prisma-client';
import { scheduledStory, toStoryView, type StoryStore } from '../db/story-store';
import { campaignLoader } from './campaign-guard';

/** The campaign's story: its brand sees where it is; ops see every story, failures first of all. */
export function storyRoutes(deps: { store: CampaignStore; stories: StoryStore; db: CampaignDb }) {
  const { stories } = deps;
  const routes = new ApiRoutes();
  const loadCampaign = campaignLoader(deps.store);

  routes.add(
    {
      method: 'get',
      path: '/campaigns/:campaignId/story',
      summary:
        "The campaign's story on the social network: scheduled, posting, posted (media id, link, time) or failed (the reason)",
      roles: ['brand', 'ops'],
      rolesNote: 'its own brand, ops',
      params: CampaignIdParams,
      success: { status: 200, description: 'The story', schema: CampaignStoryView },
      refusals: [404],
    },
    async (req, res, caller) => {
      const { campaignId } = parseParams(CampaignIdParams, req);
      await loadCampaign(campaignId, caller);
      const story = await stories.find(campaignId);
      res.json(story ? toStoryView(story) : scheduledStory(campaignId));
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/ops/stories',
      summary: 'Campaign stories, newest change first; `status=failed` lists the failures and why',
      roles: ['ops'],
      query: StoryListQuery,
      success: { status: 200, description: 'A page of stories', schema: StoryPage },
    },
    async (req, res) => {
      const query = parseQuery(StoryListQuery, req);
      const rows = await stories.list(query, cursorPosition(query.cursor));
      const { page, nextCursor } = pageOf(rows, query.limit, (row) => ({
        at: row.updatedAt,
        id: row.campaignId,
      }));
      const campaigns = await deps.db.campaign.findMany({
        where: { id: { in: page.map((row) => row.campaignId) } },
        select: { id: true, title: true },
      });
      const titles = new Map(campaigns.map((campaign) => [campaign.id, campaign.title]));
      res.json({
        items: page.map((row) => ({
          ...toStoryView(row),
          brandId: row.brandId,
          title: titles.get(row.campaignId) ?? '',
        })),
        nextCursor,
      });
    },
  );
  return routes;
}
