import { z } from 'zod';

/** A brand's search of the Network: influencers who have not applied to the campaign. */
export const NetworkSearchQuery = z
  .object({
    campaignId: z.uuid(),
    niche: z.string().trim().min(1).max(40).optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code')
      .optional(),
    minFollowers: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type NetworkSearchQuery = z.infer<typeof NetworkSearchQuery>;

/** An influencer as the Network shows them: never their address. */
export const InfluencerCard = z.object({
  id: z.string(),
  handle: z.string(),
  displayName: z.string(),
  niches: z.array(z.string()),
  country: z.string(),
  followers: z.number().int(),
  engagementRate: z.number(),
});
export type InfluencerCard = z.infer<typeof InfluencerCard>;

export const NetworkPage = z.object({
  items: z.array(InfluencerCard),
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type NetworkPage = z.infer<typeof NetworkPage>;

export const PlanName = z.enum(['starter', 'professional', 'enterprise']);
export type PlanName = z.infer<typeof PlanName>;
