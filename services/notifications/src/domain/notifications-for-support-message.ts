import type { SupportMessagePosted } from '@campaign/contracts';
import {
  brandTeamKey,
  influencerKey,
  principalKey,
  supportTeamKey,
} from '@campaign/service-runtime';
import type { NotificationDraft } from './notifications-for-event';

/**
 * A support message tells the other side once. An ops message goes to the requester: a brand's
 * conversation is the brand's, so its team inbox (every user of the brand reads it once), or the
 * influencer. A requester's message goes to the ops user who had taken the conversation when it
 * was written, or to the support team's inbox while nobody has (every ops user reads it). One
 * recipient per message, so the notification's (event, recipient) key makes it once. Pure.
 */
export function notificationsForSupportMessage(event: SupportMessagePosted): NotificationDraft[] {
  const { requester, senderRole, assigneeId, preview, campaignId } = event.payload;
  if (senderRole === 'ops') {
    return [
      {
        recipientId:
          requester.role === 'brand'
            ? brandTeamKey(requester.brandId)
            : influencerKey(requester.userId),
        kind: 'support_message',
        title: 'Customer success replied',
        body: preview,
        campaignId,
      },
    ];
  }
  return [
    {
      recipientId:
        assigneeId === null ? supportTeamKey() : principalKey({ role: 'ops', userId: assigneeId }),
      kind: 'support_message',
      title:
        requester.role === 'brand'
          ? `New support message from brand ${requester.brandId}`
          : 'New support message from an influencer',
      body: preview,
      campaignId,
    },
  ];
}
