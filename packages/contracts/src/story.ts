import { z } from 'zod';
import { Count, PageCursor } from './bounds';

/** Where a campaign's story is: not started yet, being posted, posted, or given up. */
export const StoryStatus = z.enum(['scheduled', 'posting', 'posted', 'failed']);
export type StoryStatus = z.infer<typeof StoryStatus>;

/** A campaign's story as its brand and ops see it. */
export const CampaignStoryView = z.object({
  campaignId: z.uuid(),
  status: StoryStatus,
  /** The story's id on the social network, once posted. */
  mediaId: z.string().nullable(),
  /** Where the story can be seen, when the network gives a link. */
  permalink: z.string().nullable(),
  postedAt: z.iso.datetime().nullable(),
  /** Tries at the social network so far (retries after rate limits and outages count). */
  attempts: Count,
  /** Why the story was given up, in the network's words. */
  failureReason: z.string().nullable(),
  updatedAt: z.iso.datetime().nullable(),
});
export type CampaignStoryView = z.infer<typeof CampaignStoryView>;

/** Ops' list of stories, newest change first; `status=failed` for the failures to look into. */
export const StoryListQuery = z
  .object({
    status: StoryStatus.exclude(['scheduled']).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: PageCursor.optional(),
  })
  .strict();
export type StoryListQuery = z.infer<typeof StoryListQuery>;

export const StoryPage = z.object({
  items: z.array(CampaignStoryView.extend({ brandId: z.string(), title: z.string() })),
  nextCursor: z.string().nullable(),
});
