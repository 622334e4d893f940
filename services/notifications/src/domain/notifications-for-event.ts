import type { CampaignEvent, NotificationKind } from '@campaign/contracts';

export type NotificationDraft = {
  recipientId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  campaignId: string | null;
};

/** Who hears about an event, and what they read. Pure: the consumer stores what this returns. */
export function notificationsForEvent(event: CampaignEvent): NotificationDraft[] {
  switch (event.type) {
    case 'CampaignPublished':
      return [
        {
          recipientId: event.payload.publishedBy,
          kind: 'campaign_published',
          title: `“${event.payload.title}” is live`,
          body: `Your campaign is on the marketplace and influencers can apply until ${event.payload.closesAt}.`,
          campaignId: event.payload.campaignId,
        },
      ];
    case 'CampaignClosed':
      // The brand hears of the close through the start-collaboration flow, not a separate notice.
      return [];
  }
}
