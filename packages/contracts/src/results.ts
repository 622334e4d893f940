import { z } from 'zod';
import { Count as count, HttpUrl } from './bounds';

/** A collaborator's report on a post, typed in. */
export const ResultUpload = z
  .object({
    postUrl: HttpUrl,
    reach: count,
    impressions: count,
    likes: count,
    comments: count,
    clicks: count,
    screenshotUrls: z.array(HttpUrl).max(20).default([]),
  })
  .strict();
export type ResultUpload = z.infer<typeof ResultUpload>;

/**
 * Where a result's figures come from: typed in by the collaborator (`manual`), or imported from
 * the post's insights on their connected Instagram account and refreshed while the collaboration
 * runs (`insights`).
 */
export const ResultSource = z.enum(['manual', 'insights']);
export type ResultSource = z.infer<typeof ResultSource>;

/** A collaborator's post to import: its link, which must be a post of their connected account. */
export const ResultImport = z.object({ postUrl: HttpUrl }).strict();
export type ResultImport = z.infer<typeof ResultImport>;

/** The refresh of imported results: one Schedule, the same for every worker. */
export const INSIGHTS_REFRESH_SCHEDULE_ID = 'results-insights-refresh';
export const INSIGHTS_REFRESH_WORKFLOW_TYPE = 'insightsRefreshWorkflow';

/** A stored result as shown: its figures, where they come from and, imported, when last read. */
export const PostedResult = ResultUpload.extend({
  id: z.uuid(),
  createdAt: z.iso.datetime(),
  source: ResultSource,
  /** The post's id on the network; null when typed in. */
  mediaId: z.string().nullable(),
  /** When the figures were last read from the network; null when typed in. */
  refreshedAt: z.iso.datetime().nullable(),
});
export type PostedResult = z.infer<typeof PostedResult>;

const Totals = z.object({
  reach: count,
  impressions: count,
  likes: count,
  comments: count,
  clicks: count,
  posts: count,
  /** How many of the posts are typed in and how many imported from insights. */
  postsBySource: z.object({ manual: count, insights: count }),
});

/** Results per influencer and for the whole campaign. */
export const CampaignResults = z.object({
  perInfluencer: z.array(
    z.object({
      influencerId: z.string(),
      totals: Totals,
      posts: z.array(PostedResult),
    }),
  ),
  total: Totals,
});
export type CampaignResults = z.infer<typeof CampaignResults>;
