import { z } from 'zod';
import { CampaignSchedule } from '../campaign';

/**
 * The campaign workflow as its callers see it: names, not code, so the campaign service, the
 * Temporal CLI and the UI all address it the same way.
 */
export const CAMPAIGN_TASK_QUEUE = 'campaign-lifecycle';
export const CAMPAIGN_WORKFLOW_TYPE = 'campaignWorkflow';

/** One workflow per campaign: a second publish finds this id taken and cannot start another. */
export function campaignWorkflowId(campaignId: string): string {
  return `campaign-${campaignId}`;
}

export const CampaignWorkflowInput = z.object({
  campaignId: z.uuid(),
  brandId: z.string(),
  title: z.string(),
  publishedBy: z.string(),
  schedule: CampaignSchedule,
});
export type CampaignWorkflowInput = z.infer<typeof CampaignWorkflowInput>;
