import { z } from 'zod';

export const MessageBody = z.object({ body: z.string().trim().min(1).max(5000) }).strict();
export type MessageBody = z.infer<typeof MessageBody>;

export const MessageView = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  senderId: z.string(),
  body: z.string(),
  createdAt: z.iso.datetime(),
});
export type MessageView = z.infer<typeof MessageView>;

/** A message to every collaborator of a campaign: one copy in each one-on-one conversation. */
export const GroupMessageSent = z.object({
  campaignId: z.uuid(),
  recipients: z.number().int().min(1),
  messages: z.array(MessageView),
});
