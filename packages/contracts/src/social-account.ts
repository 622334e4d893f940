import { z } from 'zod';
import { Count, PageCursor } from './bounds';

/**
 * An influencer's social account as they and ops see it. Followers and engagement come only from
 * it. `expired` and `revoked` need the influencer to connect again; `disconnected`: none (or the
 * influencer disconnected it). Its access token is never part of any answer.
 */
export const SocialAccountStatus = z.enum(['connected', 'expired', 'revoked', 'disconnected']);
export type SocialAccountStatus = z.infer<typeof SocialAccountStatus>;

/** The daily audience refresh's name for one Schedule, the same for every worker. */
export const AUDIENCE_REFRESH_SCHEDULE_ID = 'social-audience-refresh';
export const AUDIENCE_REFRESH_WORKFLOW_TYPE = 'audienceRefreshWorkflow';
/** A token that expires within this many days is exchanged for a fresh one before it is used. */
export const TOKEN_REFRESH_BEFORE_DAYS = 7;

export const SocialAccountView = z.object({
  status: SocialAccountStatus,
  username: z.string().nullable(),
  followers: Count.nullable(),
  engagementRate: z.number().nullable(),
  refreshedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable(),
});
export type SocialAccountView = z.infer<typeof SocialAccountView>;

export const SocialConnectionStart = z.object({
  /** Where to send the influencer to grant access; the network redirects back with code and state. */
  authorizeUrl: z.string(),
});

export const SocialConnectionCallback = z
  .object({
    code: z.string().trim().min(1).max(2048),
    state: z.string().trim().min(1).max(2048),
  })
  .strict();
export type SocialConnectionCallback = z.infer<typeof SocialConnectionCallback>;

export const SocialAccountsQuery = z
  .object({
    status: z.enum(['expired', 'revoked']),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: PageCursor.optional(),
  })
  .strict();
export type SocialAccountsQuery = z.infer<typeof SocialAccountsQuery>;

/** An account that needs its influencer's attention, as ops see it: never its token. */
export const SocialAccountNeedingAttention = z.object({
  influencerId: z.string(),
  username: z.string(),
  status: z.enum(['expired', 'revoked']),
  since: z.iso.datetime(),
});

export const SocialAccountsPage = z.object({
  items: z.array(SocialAccountNeedingAttention),
  nextCursor: z.string().nullable(),
});
