import { z } from 'zod';
import { ApplicantStatus } from './workflow/campaign-workflow';

/** Influencers one bulk request may name; a board of 100,000 moves in a few dozen requests. */
export const MAX_INFLUENCERS_PER_REQUEST = 5_000;
/**
 * And at most this much JSON of ids: a request becomes one workflow update, and an update's
 * payload stays well under the 512 KB Temporal warns about, whatever the ids look like.
 */
export const MAX_INFLUENCER_IDS_BYTES = 256 * 1024;

const InfluencerIds = z
  .array(z.string().min(1).max(100))
  .min(1)
  .max(MAX_INFLUENCERS_PER_REQUEST)
  .refine(
    (ids) => new TextEncoder().encode(JSON.stringify(ids)).length <= MAX_INFLUENCER_IDS_BYTES,
    {
      message: `The influencer ids take more than ${MAX_INFLUENCER_IDS_BYTES / 1024} KiB; send them in smaller requests.`,
    },
  )
  .describe(
    `At most ${MAX_INFLUENCERS_PER_REQUEST} ids and ${MAX_INFLUENCER_IDS_BYTES / 1024} KiB of them.`,
  );
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
  /** Each agreement's deadline to sign, by influencer: the brand follows the time left. */
  agreementDeadlines: z
    .record(z.string(), z.iso.datetime())
    .describe('The deadline to sign of each agreement, by influencer id'),
  invited: z.array(z.string()),
});
export type CampaignBoardView = z.infer<typeof CampaignBoardView>;
