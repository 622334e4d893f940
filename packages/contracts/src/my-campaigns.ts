import { z } from 'zod';
import { CampaignStatus } from './campaign';

/**
 * An influencer's own applications. The brand's pre-selection (pending / selected / declined) is
 * not shown: influencers are not told of it. They learn the outcome when the collaboration starts.
 */
export const MyApplication = z.object({
  campaignId: z.uuid(),
  title: z.string(),
  campaignStatus: CampaignStatus,
  appliedAt: z.iso.datetime(),
  /** `applied` by the influencer, or `manual`: added by customer success. */
  source: z.enum(['applied', 'manual']),
  outcome: z.enum(['awaiting_collaboration', 'in_collaboration', 'not_in_collaboration']),
});
export type MyApplication = z.infer<typeof MyApplication>;

/** An influencer's own agreements, with the deadline to sign a pending one. */
export const MyAgreement = z.object({
  campaignId: z.uuid(),
  title: z.string(),
  status: z.enum(['pending', 'accepted', 'declined', 'expired', 'lapsed']),
  sentAt: z.iso.datetime(),
  deadline: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
});
export type MyAgreement = z.infer<typeof MyAgreement>;

export const MyApplicationList = z.object({ items: z.array(MyApplication) });
export const MyAgreementList = z.object({ items: z.array(MyAgreement) });
