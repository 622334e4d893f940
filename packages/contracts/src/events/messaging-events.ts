import { z } from 'zod';
import { eventEnvelope } from './envelope';

export const MESSAGING_EVENTS_TOPIC = 'messaging.messages.v1';

/**
 * A chat message was posted in a brand–influencer conversation. The notifications service tells
 * the other side; the text itself stays in the Messenger (only a preview travels).
 */
export const MessagePosted = eventEnvelope(
  'MessagePosted',
  1,
  z.object({
    messageId: z.uuid(),
    conversationId: z.uuid(),
    campaignId: z.uuid().nullable(),
    brandId: z.string(),
    influencerId: z.string(),
    senderId: z.string(),
    senderRole: z.enum(['brand', 'influencer', 'ops']),
    preview: z.string().max(140),
    at: z.iso.datetime(),
  }),
);
export type MessagePosted = z.infer<typeof MessagePosted>;

/**
 * A message was posted in a customer-success conversation. The notifications service tells the
 * other side once: the requester (a brand's team, or the influencer) of an ops message; the ops
 * user who took the conversation, or the support team while nobody has, of a requester's message.
 * `assigneeId` is who had taken it when the message was stored, so a replayed event reaches the
 * same inbox. Event id = message id; the Kafka key is the support conversation's id.
 */
export const SupportMessagePosted = eventEnvelope(
  'SupportMessagePosted',
  1,
  z.object({
    messageId: z.uuid(),
    conversationId: z.uuid(),
    campaignId: z.uuid().nullable(),
    requester: z.discriminatedUnion('role', [
      z.object({ role: z.literal('brand'), brandId: z.string(), userId: z.string() }),
      z.object({ role: z.literal('influencer'), userId: z.string() }),
    ]),
    senderId: z.string(),
    senderRole: z.enum(['brand', 'influencer', 'ops']),
    assigneeId: z.string().nullable(),
    preview: z.string().max(140),
    at: z.iso.datetime(),
  }),
);
export type SupportMessagePosted = z.infer<typeof SupportMessagePosted>;

export const MessagingEvent = z.discriminatedUnion('type', [MessagePosted, SupportMessagePosted]);
export type MessagingEvent = z.infer<typeof MessagingEvent>;
