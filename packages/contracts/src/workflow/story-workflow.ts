import { z } from 'zod';

/**
 * The campaign's story as its callers see it: one workflow per campaign, started by the campaign
 * service's worker when the campaign workflow announces `CampaignStoryDue`.
 */
export const STORY_WORKFLOW_TYPE = 'campaignStory';

/** One story per campaign: a second start (a redelivered event) finds this id taken. */
export function storyWorkflowId(campaignId: string): string {
  return `story-${campaignId}`;
}

export const StoryWorkflowInput = z.object({
  campaignId: z.uuid(),
  brandId: z.string(),
  title: z.string(),
  /** The brand's images for the story, in the brand's order; the first one is posted. */
  imageUrls: z.array(z.string()),
  /** The platform's card with the campaign's title: posted when the brand gave no image. */
  cardUrl: z.string(),
});
export type StoryWorkflowInput = z.infer<typeof StoryWorkflowInput>;
