import type { Identity } from '@campaign/service-runtime';

/**
 * A brand's team inbox: what is addressed to the brand rather than to one of its users (a chat
 * message from an influencer) is read by all of them.
 */
export function brandInbox(brandId: string): string {
  return `brand:${brandId}`;
}

/** The inboxes a caller reads: their own, and for a brand user also their brand's. */
export function inboxesOf(identity: Identity): string[] {
  return identity.role === 'brand'
    ? [identity.userId, brandInbox(identity.brandId)]
    : [identity.userId];
}
