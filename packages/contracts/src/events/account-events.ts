import { z } from 'zod';
import { EmailAddress } from '../network';
import { eventEnvelope } from './envelope';

export const ACCOUNTS_TOPIC = 'accounts.v1';

/**
 * One link of a mail, for one account: the account's principal key (`principalKey`), how the mail
 * names it, and the link itself **sealed** (`sealLink`, AES-256-GCM under a key derived from
 * AUTH_SECRET for this use alone, the principal as associated data): Kafka and the notifications
 * database never hold a link that works; the mail sender opens it when it renders the mail.
 */
export const SealedAccountLink = z.object({
  principal: z.string().min(1),
  /** "Sunny Skincare (brand)", "your influencer account", "customer success". */
  label: z.string().min(1).max(200),
  sealedLink: z.string().min(1).max(2000),
});
export type SealedAccountLink = z.infer<typeof SealedAccountLink>;

/**
 * A mail with sign-in links is owed to an address: one link per account on it. `reason` says why
 * (the template's words): a sign-in asked for, a new account (brand, influencer, ops), or a sign-up
 * for an address that already has an account. Every listed account's mail goes to `email` from
 * now on (the notifications service's address book is fed from these events), and with `teamOf`
 * the brand's team inbox too (a brand's first user). Personal data: consumers never log `email`.
 */
export const SignInLinkRequested = eventEnvelope(
  'SignInLinkRequested',
  1,
  z.object({
    email: EmailAddress,
    reason: z.enum(['sign_in', 'signed_up', 'already_registered', 'ops_account']),
    links: z.array(SealedAccountLink).min(1).max(50),
    teamOf: z.string().min(1).optional(),
  }),
);
export type SignInLinkRequested = z.infer<typeof SignInLinkRequested>;

/** A brand user invited a teammate: the new user's mail, with their sign-in link. */
export const TeammateInvited = eventEnvelope(
  'TeammateInvited',
  1,
  z.object({
    email: EmailAddress,
    brandId: z.string().min(1),
    brandName: z.string().min(1),
    invitedBy: z.string().min(1),
    link: SealedAccountLink,
  }),
);
export type TeammateInvited = z.infer<typeof TeammateInvited>;

export const AccountEvent = z.discriminatedUnion('type', [SignInLinkRequested, TeammateInvited]);
export type AccountEvent = z.infer<typeof AccountEvent>;
