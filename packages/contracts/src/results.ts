import { z } from 'zod';
import { Count as count, HttpUrl } from './bounds';

/** A collaborator's report on a post. */
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

const Totals = z.object({
  reach: count,
  impressions: count,
  likes: count,
  comments: count,
  clicks: count,
  posts: count,
});

/** Results per influencer and for the whole campaign. */
export const CampaignResults = z.object({
  perInfluencer: z.array(
    z.object({
      influencerId: z.string(),
      totals: Totals,
      posts: z.array(ResultUpload.extend({ id: z.uuid(), createdAt: z.iso.datetime() })),
    }),
  ),
  total: Totals,
});
export type CampaignResults = z.infer<typeof CampaignResults>;
