import {
  CampaignActions,
  CampaignWorkflowInput,
  Qualifications,
  CampaignSchedule,
  type CampaignActionName,
  type Refusal,
} from '@campaign/contracts';
import { campaignRules, type CampaignState } from '@campaign/workflows';

/** What the read model holds of a campaign whose collaboration started, and of the people named. */
export type FinishedCampaign = {
  id: string;
  brandId: string;
  createdBy: string;
  title: string;
  qualifications: unknown;
  storyImageUrls: string[];
  schedule: unknown;
  publishedAt: Date;
  closesAt: Date;
  closedAt: Date | null;
  collaborationStartedAt: Date;
  applicants: CampaignState['applicants'];
  invited: string[];
  agreements: { influencerId: string; status: string; sentAt: Date; deadline: Date }[];
  group: string[];
};

/**
 * Judges an action on a campaign whose workflow has completed (its grace period after the
 * collaboration started is over) by the same rules the workflow used, on the state the read model
 * recorded: a late action gets the answer it would have got a minute before the workflow ended.
 * Nothing can change any more, so an action the rules would accept only by changing nothing (a
 * second signature) is accepted, and one that would record a fact cannot occur: the phase is
 * final. Returns null for accepted, or the refusal.
 */
export function judgeFinishedCampaign(
  campaign: FinishedCampaign,
  action: CampaignActionName,
  args: unknown,
  now: number,
): Refusal | null {
  const parsed = CampaignActions[action].safeParse(args);
  if (!parsed.success) {
    return { code: 'invalid_input', message: parsed.error.issues.map((i) => i.message).join('; ') };
  }
  const rule = campaignRules[action] as (
    s: CampaignState,
    a: unknown,
    n: number,
  ) => ReturnType<(typeof campaignRules)['apply']>;
  const decision = rule(stateOf(campaign), parsed.data, now);
  if ('refusal' in decision) return decision.refusal;
  if (decision.facts.length > 0) {
    throw new Error(`a finished campaign's rules accepted ${action} with new facts`);
  }
  return null;
}

function stateOf(campaign: FinishedCampaign): CampaignState {
  const settings = CampaignWorkflowInput.parse({
    campaignId: campaign.id,
    brandId: campaign.brandId,
    title: campaign.title,
    publishedBy: campaign.createdBy,
    qualifications: Qualifications.parse(campaign.qualifications),
    storyImageUrls: campaign.storyImageUrls,
    schedule: CampaignSchedule.parse(campaign.schedule),
  });
  return {
    settings,
    publishedAt: campaign.publishedAt.getTime(),
    closesAt: campaign.closesAt.getTime(),
    phase: 'collaborating',
    closedAt: campaign.closedAt?.getTime() ?? null,
    collaborationStartedAt: campaign.collaborationStartedAt.getTime(),
    applicants: campaign.applicants,
    invited: Object.fromEntries(campaign.invited.map((id) => [id, true as const])),
    agreements: Object.fromEntries(
      campaign.agreements.map((row) => [
        row.influencerId,
        {
          status: row.status as CampaignState['agreements'][string]['status'],
          sentAt: row.sentAt.getTime(),
          deadline: row.deadline.getTime(),
          reminded: true,
        },
      ]),
    ),
    group: campaign.group,
    milestones: { story: true, newsletter: true, selectionReminder: true },
    recentRefusals: [],
    answered: [],
  };
}
