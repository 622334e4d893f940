import { z } from 'zod';
import { Count, DAY_SECONDS, durationSeconds } from '../bounds';
import { CampaignSchedule, Qualifications } from '../campaign';

/**
 * The campaign workflow as its callers see it: names and payloads, not code, so the campaign
 * service, the Temporal CLI and the Temporal UI all address it the same way.
 */
export const CAMPAIGN_TASK_QUEUE = 'campaign-lifecycle';
export const CAMPAIGN_WORKFLOW_TYPE = 'campaignWorkflow';

/** The default grace period a campaign's workflow stays after its collaboration started. */
export const FINISH_AFTER_COLLABORATION_SECONDS = 7 * DAY_SECONDS;

/**
 * History events a run of a campaign's workflow takes before it hands over to a fresh run
 * (continue-as-new), so replaying a run stays cheap however long the campaign lives.
 */
export const HISTORY_EVENTS_PER_RUN = 5_000;

/** One workflow per campaign: a second publish finds this id taken and cannot start another. */
export function campaignWorkflowId(campaignId: string): string {
  return `campaign-${campaignId}`;
}

export const CampaignWorkflowInput = z.object({
  campaignId: z.uuid(),
  brandId: z.string(),
  title: z.string(),
  publishedBy: z.string(),
  qualifications: Qualifications.default({}),
  storyImageUrls: z.array(z.string()).default([]),
  schedule: CampaignSchedule,
  /**
   * How long the workflow stays after the collaboration started, answering late actions by the
   * rules, before it completes: an operator's setting (the campaign service's), not the brand's.
   */
  finishAfterCollaborationSeconds: durationSeconds(0).default(FINISH_AFTER_COLLABORATION_SECONDS),
  /** An operator's setting too; within what the server allows in one run (51,200 events). */
  historyEventsPerRun: z.number().int().min(200).max(40_000).default(HISTORY_EVENTS_PER_RUN),
});
export type CampaignWorkflowInput = z.input<typeof CampaignWorkflowInput>;

const InfluencerId = z.string().min(1).max(100);
const InfluencerIds = z.array(InfluencerId).min(1).max(10_000);

/** What the workflow needs of an influencer's profile to check the campaign's qualifications. */
export const InfluencerQualities = z.object({
  followers: Count,
  niches: z.array(z.string()),
  country: z.string().regex(/^[A-Z]{2}$/),
});
export type InfluencerQualities = z.infer<typeof InfluencerQualities>;

/**
 * Every action on a campaign, by the name its signal has (and its update, prefixed `try`), with
 * its payload. Signals suit the CLI and the UI; updates answer accepted or refused with the rule.
 */
export const CampaignActions = {
  apply: z.object({ influencerId: InfluencerId, profile: InfluencerQualities }),
  select: z.object({ influencerIds: InfluencerIds }),
  declineApplicant: z.object({ influencerIds: InfluencerIds }),
  moveToPending: z.object({ influencerIds: InfluencerIds }),
  invite: z.object({
    influencerId: InfluencerId,
    invitedBy: z.string().min(1),
    /** The invitation as the brand finally worded it; the Messenger delivers it. */
    message: z.string().trim().min(1).max(5000).optional(),
  }),
  addManually: z.object({
    influencerId: InfluencerId,
    addedBy: z.string().min(1),
    reason: z.string().trim().min(3).max(1000),
  }),
  sendAgreement: z.object({ influencerIds: InfluencerIds }),
  sign: z.object({ influencerId: InfluencerId }),
  declineAgreement: z.object({ influencerId: InfluencerId }),
  startCollaboration: z.object({ startedBy: z.string().min(1) }),
  closeEarly: z.object({ closedBy: z.string().min(1), reason: z.string().trim().min(3).max(1000) }),
} as const;
export type CampaignActionName = keyof typeof CampaignActions;
export type CampaignActionArgs<Name extends CampaignActionName> = z.infer<
  (typeof CampaignActions)[Name]
>;
export const campaignActionNames = Object.keys(CampaignActions) as CampaignActionName[];

/** The update that answers for an action: `apply` → `tryApply`. */
export function campaignUpdateName(action: CampaignActionName): string {
  return `try${action[0]!.toUpperCase()}${action.slice(1)}`;
}

/**
 * Many actions on one campaign in one update: the campaign service coalesces the actions that
 * arrive while its previous update is in flight, so a burst of applications costs a workflow task
 * per batch, not per application. Each action is judged in order, after the ones before it, and
 * answered on its own. `requestId` (stable across a request's retries, see `Idempotency-Key`)
 * lets a retry get the outcome its first attempt had.
 */
export const CAMPAIGN_ACTIONS_UPDATE = 'tryActions';
export const MAX_ACTIONS_PER_BATCH = 250;

export const BatchedAction = z.object({
  action: z.enum(Object.keys(CampaignActions) as [CampaignActionName, ...CampaignActionName[]]),
  args: z.unknown(),
  requestId: z.string().min(1).max(100).optional(),
});
export type BatchedAction = z.infer<typeof BatchedAction>;

export const ActionBatch = z.object({
  actions: z.array(BatchedAction).min(1).max(MAX_ACTIONS_PER_BATCH),
});
export type ActionBatch = z.infer<typeof ActionBatch>;

export const CAMPAIGN_BOARD_QUERY = 'board';

/** Why an action was refused: `code` is stable for programs, `message` is the rule in words. */
export const Refusal = z.object({
  code: z.enum([
    'campaign_closed',
    /** Its workflow was stopped from outside (an operator terminated it): it acts no more. */
    'campaign_stopped',
    'campaign_open',
    'not_qualified',
    'already_applied',
    'not_an_applicant',
    'not_selected',
    'agreement_declined',
    'agreement_exists',
    'no_pending_agreement',
    'agreement_expired',
    'collaboration_started',
    'empty_group',
    'invalid_input',
  ]),
  message: z.string(),
});
export type Refusal = z.infer<typeof Refusal>;

/** What the workflow answered to one action: accepted, or refused with the rule. */
export const ActionOutcome = z.union([
  z.object({ accepted: z.literal(true) }),
  z.object({ accepted: z.literal(false), refusal: Refusal }),
]);
export type ActionOutcome = z.infer<typeof ActionOutcome>;

export const ApplicantStatus = z.enum(['pending', 'selected', 'declined']);
export type ApplicantStatus = z.infer<typeof ApplicantStatus>;
export const AgreementStatus = z.enum(['pending', 'accepted', 'declined', 'expired', 'lapsed']);
export type AgreementStatus = z.infer<typeof AgreementStatus>;
export const CampaignPhase = z.enum(['open', 'closed', 'collaborating']);
export type CampaignPhase = z.infer<typeof CampaignPhase>;

/** The board the brand works from, as the workflow's query returns it. */
export const CampaignBoard = z.object({
  campaignId: z.uuid(),
  phase: CampaignPhase,
  publishedAt: z.iso.datetime(),
  closesAt: z.iso.datetime(),
  closedAt: z.iso.datetime().nullable(),
  collaborationStartedAt: z.iso.datetime().nullable(),
  applicants: z.record(ApplicantStatus, z.array(z.string())),
  agreements: z.record(AgreementStatus, z.array(z.string())),
  invited: z.array(z.string()),
  group: z.array(z.string()),
  recentRefusals: z.array(z.object({ action: z.string(), at: z.iso.datetime(), refusal: Refusal })),
});
export type CampaignBoard = z.infer<typeof CampaignBoard>;
