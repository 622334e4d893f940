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

export const MessagingEvent = z.discriminatedUnion('type', [MessagePosted]);
export type MessagingEvent = z.infer<typeof MessagingEvent>;
