import type { CampaignEvent, NotificationKind } from '@campaign/contracts';
import { brandUserKey, influencerKey } from '@campaign/service-runtime';

export type NotificationDraft = {
  /** The inbox: a principal's key (`principalKey`) or a brand's team inbox (`brandTeamKey`). */
  recipientId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  campaignId: string | null;
};

/**
 * Who hears about an event, and what they read. Pure: the consumer stores what this returns.
 * Pre-selection (applicants moved between pending, selected and declined) tells no one.
 */
export function notificationsForEvent(event: CampaignEvent): NotificationDraft[] {
  const campaignId = event.payload.campaignId;
  const to = (recipientId: string, kind: NotificationKind, title: string, body: string) => ({
    recipientId,
    kind,
    title,
    body,
    campaignId,
  });
  switch (event.type) {
    case 'CampaignPublished':
      return [
        to(
          brandUserKey(event.payload.brandId, event.payload.publishedBy),
          'campaign_published',
          `“${event.payload.title}” is live`,
          `Your campaign is on the marketplace and influencers can apply until ${event.payload.closesAt}.`,
        ),
      ];
    case 'SelectionReminderDue':
      return [
        to(
          brandUserKey(event.payload.brandId, event.payload.brandUserId),
          'selection_reminder',
          `Finalise your selection for “${event.payload.title}”`,
          'Influencers need to hear about their participation soon: settle the selection and send the agreements.',
        ),
      ];
    case 'InfluencerInvited':
      // The brand's own words reach the Messenger; the inbox points there.
      return [
        to(
          influencerKey(event.payload.influencerId),
          'invitation',
          `You are invited to ${event.payload.title ? `“${event.payload.title}”` : 'a campaign'}`,
          'A brand thinks you fit its campaign: read its invitation in your Messenger, and apply on the marketplace if it suits you.',
        ),
      ];
    case 'AgreementSent':
      return [
        to(
          influencerKey(event.payload.influencerId),
          'agreement_sent',
          `An agreement for “${event.payload.title}” is waiting for you`,
          `Read and sign it before ${event.payload.deadline}.`,
        ),
      ];
    case 'AgreementReminderDue':
      return [
        to(
          influencerKey(event.payload.influencerId),
          'agreement_reminder',
          `Your agreement for “${event.payload.title}” expires soon`,
          `Sign it before ${event.payload.deadline}, or it expires.`,
        ),
      ];
    case 'AgreementExpired':
      return [
        to(
          influencerKey(event.payload.influencerId),
          'agreement_expired',
          `Your agreement for “${event.payload.title}” expired`,
          'It was not signed in time.',
        ),
      ];
    case 'CollaborationStarted':
      // Version 2 names nobody: its parts that follow do.
      if (event.version === 2) return [];
      return [
        ...event.payload.group.map((id) => congratulations(id, event.payload.title)),
        ...event.payload.others.map((id) => bummer(id, event.payload.title)),
      ];
    case 'CollaboratorsJoined':
      return event.payload.influencerIds.map((id) => congratulations(id, event.payload.title));
    case 'InfluencersPassedOver':
      return event.payload.influencerIds.map((id) => bummer(id, event.payload.title));
    case 'CampaignStoryDue':
    case 'CampaignStoryPosted':
    case 'CampaignStoryFailed':
    case 'CampaignNewsletterDue':
    case 'ApplicationReceived':
    case 'ApplicantsMoved':
    case 'AgreementSigned':
    case 'AgreementDeclined':
    case 'CampaignClosed':
    case 'AgreementsLapsed':
      return [];
  }

  function congratulations(influencerId: string, title: string) {
    return to(
      influencerKey(influencerId),
      'congratulations',
      `Congratulations! You are in “${title}”`,
      'The collaboration has started. Upload your results under Results when you have posted.',
    );
  }

  function bummer(influencerId: string, title: string) {
    return to(
      influencerKey(influencerId),
      'bummer',
      `Bummer: “${title}” went ahead without you`,
      'The brand has formed its group for this campaign. Keep an eye on the marketplace for the next one.',
    );
  }
}
