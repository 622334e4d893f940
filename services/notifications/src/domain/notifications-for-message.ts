import type { MessagePosted } from '@campaign/contracts';
import { brandTeamKey, influencerKey } from '@campaign/service-runtime';
import type { NotificationDraft } from './notifications-for-event';

/** A chat message tells the other side of the conversation; ops (who help) tell both sides. */
export function notificationsForMessage(event: MessagePosted): NotificationDraft[] {
  const { senderRole, influencerId, brandId, preview, campaignId } = event.payload;
  const recipients =
    senderRole === 'brand'
      ? [influencerKey(influencerId)]
      : senderRole === 'influencer'
        ? [brandTeamKey(brandId)]
        : [influencerKey(influencerId), brandTeamKey(brandId)];
  return recipients.map((recipientId) => ({
    recipientId,
    kind: 'new_message',
    title: senderRole === 'ops' ? 'Customer success wrote to you' : 'New message in your Messenger',
    body: preview,
    campaignId,
  }));
}
