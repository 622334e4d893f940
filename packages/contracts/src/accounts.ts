import { z } from 'zod';
import { EmailAddress, InfluencerProfileEdit, PlanName } from './network';

/** A person's or a brand's name as people type it: trimmed, never empty, never a novel. */
const Name = z.string().trim().min(1).max(80);

/** A brand signs up: the brand (on Starter) and its first user. */
export const BrandSignUp = z.object({ brandName: Name, name: Name, email: EmailAddress }).strict();
export type BrandSignUp = z.infer<typeof BrandSignUp>;

/** An influencer signs up: their account and the start of their profile. */
export const InfluencerSignUp = z
  .object({
    displayName: InfluencerProfileEdit.shape.displayName,
    handle: InfluencerProfileEdit.shape.handle,
    email: EmailAddress,
    country: InfluencerProfileEdit.shape.country,
  })
  .strict();
export type InfluencerSignUp = z.infer<typeof InfluencerSignUp>;

/** Someone asks for a sign-in link to be mailed to an address. */
export const SignInLinkRequest = z.object({ email: EmailAddress }).strict();
export type SignInLinkRequest = z.infer<typeof SignInLinkRequest>;

/**
 * The answer to every request for a link (sign-up or sign-in), whether or not the address has an
 * account: the mail says which, the answer never does.
 */
export const LinkSent = z.object({ status: z.literal('link_sent') });
export type LinkSent = z.infer<typeof LinkSent>;

/** The code from a sign-in link (`/sign-in?code=…`), exchanged once for a session. */
export const SignInCode = z
  .object({ code: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'expected the code from the link') })
  .strict();
export type SignInCode = z.infer<typeof SignInCode>;

export const AccountRole = z.enum(['brand', 'influencer', 'ops']);
export type AccountRole = z.infer<typeof AccountRole>;

/** Who a session is for: the platform's identity (`userId` is the account's id). */
export const SessionIdentity = z.object({
  role: AccountRole,
  userId: z.string(),
  brandId: z.string().optional(),
});

export const SignInSession = z.object({
  /** The bearer token every API accepts. */
  token: z.string(),
  expiresAt: z.iso.datetime(),
  identity: SessionIdentity,
});
export type SignInSession = z.infer<typeof SignInSession>;

export const BrandSummary = z.object({ id: z.string(), name: z.string(), plan: PlanName });

/** The signed-in person's own account, and their brand with its plan (brand users). */
export const MyAccount = z.object({
  role: AccountRole,
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  brand: BrandSummary.nullable(),
});
export type MyAccount = z.infer<typeof MyAccount>;

/** A user of a brand, as their teammates see them. */
export const TeamMember = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  /** When they first signed in; null while their invitation is unanswered. */
  joinedAt: z.iso.datetime().nullable(),
});
export type TeamMember = z.infer<typeof TeamMember>;

export const Team = z.object({ items: z.array(TeamMember) });

/** A brand user invites a teammate (a new user of the same brand), or ops add a colleague. */
export const PersonInvitation = z.object({ name: Name, email: EmailAddress }).strict();
export type PersonInvitation = z.infer<typeof PersonInvitation>;

export const OpsAccount = z.object({ userId: z.string(), name: z.string(), email: z.string() });

/** A brand as customer success sees it: its plan and how many users it has. */
export const BrandForOps = BrandSummary.extend({
  userCount: z.number().int(),
  createdAt: z.iso.datetime(),
});
export type BrandForOps = z.infer<typeof BrandForOps>;
export const BrandsForOps = z.object({ items: z.array(BrandForOps) });

/** Customer success changes a brand's plan, saying why (kept in the audit). */
export const PlanChange = z
  .object({ plan: PlanName, reason: z.string().trim().min(1).max(500) })
  .strict();
export type PlanChange = z.infer<typeof PlanChange>;

/** One change of a brand's plan: who, when, from → to, and why. */
export const PlanChangeRecord = z.object({
  id: z.uuid(),
  brandId: z.string(),
  actor: z.string(),
  fromPlan: PlanName,
  toPlan: PlanName,
  reason: z.string(),
  at: z.iso.datetime(),
});
export const PlanChangeLog = z.object({ items: z.array(PlanChangeRecord) });
