import { z } from 'zod';
import { MAX_COUNT, PageCursor } from './bounds';

/** A brand's search of the Network: influencers who have not applied to the campaign. */
export const NetworkSearchQuery = z
  .object({
    campaignId: z.uuid(),
    niche: z.string().trim().min(1).max(40).optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code')
      .optional(),
    minFollowers: z.coerce.number().int().min(0).max(MAX_COUNT).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: PageCursor.optional(),
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

/**
 * Where a person's mail goes: one plain address (no display name, no list, no line breaks), at
 * most 254 characters as SMTP allows; surrounding spaces are dropped and the domain, which is
 * case-blind, is lower-cased, so one address is stored one way.
 */
export const EmailAddress = z
  .string()
  .trim()
  .max(254)
  .check(z.email())
  .overwrite((address) => {
    const at = address.lastIndexOf('@');
    return address.slice(0, at) + address.slice(at).toLowerCase();
  });

/**
 * What an influencer keeps up to date themselves. Follower count and engagement are not in it:
 * they come from the connected social account, never from what someone types.
 */
export const InfluencerProfileEdit = z
  .object({
    handle: z
      .string()
      .trim()
      .regex(
        /^@[A-Za-z0-9._]{2,30}$/,
        'expected @ and 2 to 30 letters, digits, dots or underscores',
      ),
    displayName: z.string().trim().min(1).max(80),
    niches: z.array(z.string().trim().min(1).max(40)).max(10),
    country: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code'),
    shippingAddress: z
      .object({
        street: z.string().trim().min(1).max(200),
        postcode: z.string().trim().min(1).max(20).optional(),
        city: z.string().trim().min(1).max(100),
        country: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code'),
      })
      .strict(),
    /**
     * Where the platform's mail to them goes. Shown to the influencer only: never to a brand.
     * Left out, the profile has none (a PUT replaces the profile), and no mail is sent.
     */
    email: EmailAddress.optional(),
  })
  .strict();
export type InfluencerProfileEdit = z.infer<typeof InfluencerProfileEdit>;

/**
 * An influencer's own profile, address included: only they (and, after a start, the brand) see
 * the shipping address; the e-mail address only they see.
 */
export const MyInfluencerProfile = InfluencerProfileEdit.extend({
  /** Absent until the influencer gives one (a profile started at sign-up has none). */
  shippingAddress: InfluencerProfileEdit.shape.shippingAddress.optional(),
  id: z.string(),
  followers: z.number().int(),
  engagementRate: z.number(),
  createdAt: z.iso.datetime(),
});
export type MyInfluencerProfile = z.infer<typeof MyInfluencerProfile>;
