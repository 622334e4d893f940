import { z } from 'zod';
import { PageCursor } from './bounds';

export const MessageBody = z.object({ body: z.string().trim().min(1).max(5000) }).strict();
export type MessageBody = z.infer<typeof MessageBody>;

export const MessageView = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  senderId: z.string(),
  /** Who the sender is: a user id alone does not say, since ids are unique only within a role. */
  senderRole: z.enum(['brand', 'influencer', 'ops']),
  body: z.string(),
  createdAt: z.iso.datetime(),
});
export type MessageView = z.infer<typeof MessageView>;

/** My conversations, newest first, page by page. */
export const ConversationListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: PageCursor.optional(),
  })
  .strict();

export const ConversationPage = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      campaignId: z.uuid().nullable(),
      brandId: z.string(),
      influencerId: z.string(),
      createdAt: z.iso.datetime(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

/** A page of a conversation, scrolling back: the newest messages first, then older ones. */
export const MessagePageQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** `olderCursor` of the previous page. */
    before: PageCursor.optional(),
  })
  .strict();
export type MessagePageQuery = z.infer<typeof MessagePageQuery>;

/** Messages oldest first, as a thread reads; `olderCursor` loads the ones before, null at the start. */
export const MessagePage = z.object({
  items: z.array(MessageView),
  olderCursor: z.string().nullable(),
});

/** A message to every collaborator of a campaign: one copy in each one-on-one conversation. */
export const GroupMessageSent = z.object({
  campaignId: z.uuid(),
  recipients: z.number().int().min(1),
  messages: z.array(MessageView),
});
