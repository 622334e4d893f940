import { z } from 'zod';
import { PageCursor } from './bounds';
import { MessageBody } from './messaging';

/*
 * Customer-success chat: a brand user or an influencer opens a conversation with customer
 * success (ops); ops see the open ones, take one, reply and close it.
 */

/** Opening a support conversation: the first message, and optionally the campaign it is about. */
export const OpenSupportConversation = z
  .object({
    body: MessageBody.shape.body,
    /** A campaign of the caller's own (their brand's, or one they applied to or were invited to). */
    campaignId: z.uuid().optional(),
  })
  .strict();
export type OpenSupportConversation = z.infer<typeof OpenSupportConversation>;

export const SupportConversationState = z.enum(['open', 'closed']);

/** Who opened a conversation: a brand user (for their brand) or an influencer. */
export const SupportRequester = z.discriminatedUnion('role', [
  z.object({ role: z.literal('brand'), brandId: z.string(), userId: z.string() }),
  z.object({ role: z.literal('influencer'), userId: z.string() }),
]);
export type SupportRequester = z.infer<typeof SupportRequester>;

export const SupportConversationSummary = z.object({
  id: z.uuid(),
  requester: SupportRequester,
  campaignId: z.uuid().nullable(),
  state: SupportConversationState,
  /** The ops user who took it; null while nobody has. */
  assigneeId: z.string().nullable(),
  /** True while the requester's side wrote last: customer success owes an answer. */
  awaitingReply: z.boolean(),
  lastMessageAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
  closedAt: z.iso.datetime().nullable(),
});
export type SupportConversationSummary = z.infer<typeof SupportConversationSummary>;

export const SupportMessageView = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  senderId: z.string(),
  senderRole: z.enum(['brand', 'influencer', 'ops']),
  body: z.string(),
  createdAt: z.iso.datetime(),
});
export type SupportMessageView = z.infer<typeof SupportMessageView>;

/** One conversation with a page of its messages, oldest first; `olderCursor` scrolls back. */
export const SupportConversationView = SupportConversationSummary.extend({
  messages: z.array(SupportMessageView),
  olderCursor: z.string().nullable(),
});
export type SupportConversationView = z.infer<typeof SupportConversationView>;

/**
 * The list: the caller's own (a brand's, an influencer's), or for ops every requester's. Those
 * awaiting a reply come first, then the rest, each newest first.
 */
export const SupportConversationListQuery = z
  .object({
    state: z.enum(['open', 'closed', 'all']).default('open'),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: PageCursor.optional(),
  })
  .strict();

export const SupportConversationPage = z.object({
  items: z.array(SupportConversationSummary),
  nextCursor: z.string().nullable(),
});

/** Ops take a conversation; `takeOver` takes it from another ops user, explicitly. */
export const SupportAssignment = z.object({ takeOver: z.boolean().default(false) }).strict();
