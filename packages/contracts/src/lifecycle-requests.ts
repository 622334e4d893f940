import { z } from 'zod';
import { ApplicantStatus } from './workflow/campaign-workflow';

const InfluencerIds = z.array(z.string().min(1).max(100)).min(1).max(10_000);
const Reason = z.string().trim().min(3).max(1000);

/** The brand moves applicants on its board (pre-selection: nobody is told). */
export const MoveApplicantsRequest = z
  .object({ influencerIds: InfluencerIds, status: ApplicantStatus })
  .strict();

/** The brand sends agreements, to one influencer or many at once. */
export const SendAgreementsRequest = z.object({ influencerIds: InfluencerIds }).strict();

/** Ops close a campaign before day 7, saying why. */
export const CloseEarlyRequest = z.object({ reason: Reason }).strict();

/** Ops add an influencer who cannot apply (qualifications), saying why. */
export const ManualAdditionRequest = z
  .object({ influencerId: z.string().min(1).max(100), reason: Reason })
  .strict();

export const CampaignBoardView = z.object({
  campaignId: z.uuid(),
  status: z.enum(['draft', 'published', 'closed']),
  collaborationStartedAt: z.iso.datetime().nullable(),
  applicants: z.record(z.string(), z.array(z.string())),
  agreements: z.record(z.string(), z.array(z.string())),
  invited: z.array(z.string()),
});
export type CampaignBoardView = z.infer<typeof CampaignBoardView>;
