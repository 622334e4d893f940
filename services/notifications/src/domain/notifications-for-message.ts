import type { MessagePosted } from '@campaign/contracts';
import { brandInbox } from './inboxes';
import type { NotificationDraft } from './notifications-for-event';

/** A chat message tells the other side of the conversation; ops (who help) tell both sides. */
export function notificationsForMessage(event: MessagePosted): NotificationDraft[] {
  const { senderRole, influencerId, brandId, preview, campaignId } = event.payload;
  const recipients =
    senderRole === 'brand'
      ? [influencerId]
      : senderRole === 'influencer'
        ? [brandInbox(brandId)]
        : [influencerId, brandInbox(brandId)];
  return recipients.map((recipientId) => ({
    recipientId,
    kind: 'new_message',
    title: senderRole === 'ops' ? 'Customer success wrote to you' : 'New message in your Messenger',
    body: preview,
    campaignId,
  }));
}
