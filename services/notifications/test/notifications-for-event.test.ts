import type { CampaignEvent } from '@campaign/contracts';
import { notificationsForEvent } from '../src/domain/notifications-for-event';

const campaignId = '5d1c3f4e-8a4b-4c1e-9f0a-1b2c3d4e5f60';
const envelope = {
  id: '0b8f5f7e-3a3f-4d8e-9a57-2f3b8c6f2a10',
  version: 1 as const,
  occurredAt: '2026-11-25T10:00:00.000Z',
  subject: campaignId,
};

describe('notificationsForEvent', () => {
  it('tells the brand user who published that the campaign is live, and no one else', () => {
    const event: CampaignEvent = {
      ...envelope,
      type: 'CampaignPublished',
      payload: {
        campaignId,
        brandId: 'brand-1',
        title: 'Summer glow',
        publishedBy: 'user-7',
        publishedAt: '2026-11-25T10:00:00.000Z',
        closesAt: '2026-12-01T10:00:00.000Z',
      },
    };
    expect(notificationsForEvent(event)).toEqual([
      {
        recipientId: 'brand/brand-1/user/user-7',
        kind: 'campaign_published',
        title: '“Summer glow” is live',
        body: 'Your campaign is on the marketplace and influencers can apply until 2026-12-01T10:00:00.000Z.',
        campaignId,
      },
    ]);
  });

  it('points an invited influencer to the Messenger, naming the campaign when the event does', () => {
    const invited = (title?: string): CampaignEvent => ({
      ...envelope,
      type: 'InfluencerInvited',
      payload: {
        campaignId,
        brandId: 'brand-1',
        ...(title ? { title } : {}),
        influencerId: 'zoe',
        invitedBy: 'user-7',
        at: '2026-11-25T10:00:00.000Z',
        message: 'Dear Zoe, …',
      },
    });
    expect(notificationsForEvent(invited('Summer glow'))).toEqual([
      expect.objectContaining({
        recipientId: 'influencer/zoe',
        kind: 'invitation',
        title: 'You are invited to “Summer glow”',
        campaignId,
      }),
    ]);
    expect(notificationsForEvent(invited())[0]?.title).toBe('You are invited to a campaign');
  });

  it('sends nothing when a campaign closes', () => {
    const event: CampaignEvent = {
      ...envelope,
      type: 'CampaignClosed',
      payload: {
        campaignId,
        brandId: 'brand-1',
        closedAt: '2026-12-01T10:00:00.000Z',
        reason: 'schedule',
      },
    };
    expect(notificationsForEvent(event)).toEqual([]);
  });

  it('congratulates the group and sends every other applicant or invitee the bummer', () => {
    const event: CampaignEvent = {
      ...envelope,
      type: 'CollaborationStarted',
      payload: {
        campaignId,
        brandId: 'brand-1',
        title: 'Summer glow',
        startedAt: '2026-12-01T10:00:00.000Z',
        startedBy: 'user-7',
        group: ['ann'],
        others: ['bob', 'eve'],
        lapsedAgreements: ['bob'],
      },
    };
    expect(notificationsForEvent(event).map((n) => [n.recipientId, n.kind])).toEqual([
      ['influencer/ann', 'congratulations'],
      ['influencer/bob', 'bummer'],
      ['influencer/eve', 'bummer'],
    ]);
  });

  it('in a campaign started in parts, congratulates each part of the group and sends each part of the others the bummer; the start itself and lapsed agreements tell no one', () => {
    const about = { campaignId, brandId: 'brand-1', title: 'Summer glow' };
    const events: CampaignEvent[] = [
      {
        ...envelope,
        type: 'CollaborationStarted',
        version: 2,
        payload: {
          ...about,
          startedAt: '2026-12-01T10:00:00.000Z',
          startedBy: 'user-7',
          groupSize: 1,
          passedOver: 2,
          lapsed: 1,
        },
      },
      {
        ...envelope,
        type: 'CollaboratorsJoined',
        payload: { ...about, influencerIds: ['ann'], startedAt: '2026-12-01T10:00:00.000Z' },
      },
      {
        ...envelope,
        type: 'InfluencersPassedOver',
        payload: { ...about, influencerIds: ['bob', 'eve'], at: '2026-12-01T10:00:00.000Z' },
      },
      {
        ...envelope,
        type: 'AgreementsLapsed',
        payload: { ...about, influencerIds: ['bob'], at: '2026-12-01T10:00:00.000Z' },
      },
    ];
    expect(
      events.map((event) => notificationsForEvent(event).map((n) => [n.recipientId, n.kind])),
    ).toEqual([
      [],
      [['influencer/ann', 'congratulations']],
      [
        ['influencer/bob', 'bummer'],
        ['influencer/eve', 'bummer'],
      ],
      [],
    ]);
  });

  it('tells no one about pre-selection', () => {
    const event: CampaignEvent = {
      ...envelope,
      type: 'ApplicantsMoved',
      payload: {
        campaignId,
        brandId: 'brand-1',
        influencerIds: ['ann'],
        to: 'declined',
        at: '2026-11-26T10:00:00.000Z',
      },
    };
    expect(notificationsForEvent(event)).toEqual([]);
  });

  it('tells the influencer an agreement was sent, reminds them, and says when it expired', () => {
    const agreement = { campaignId, brandId: 'brand-1', title: 'Summer glow', influencerId: 'ann' };
    const kinds = [
      notificationsForEvent({
        ...envelope,
        type: 'AgreementSent',
        payload: {
          ...agreement,
          sentAt: '2026-11-27T10:00:00.000Z',
          deadline: '2026-11-30T10:00:00.000Z',
        },
      }),
      notificationsForEvent({
        ...envelope,
        type: 'AgreementReminderDue',
        payload: {
          ...agreement,
          deadline: '2026-11-30T10:00:00.000Z',
          dueAt: '2026-11-29T10:00:00.000Z',
        },
      }),
      notificationsForEvent({
        ...envelope,
        type: 'AgreementExpired',
        payload: { ...agreement, at: '2026-11-30T10:00:00.000Z' },
      }),
    ].map((drafts) => drafts.map((n) => [n.recipientId, n.kind]));
    expect(kinds).toEqual([
      [['influencer/ann', 'agreement_sent']],
      [['influencer/ann', 'agreement_reminder']],
      [['influencer/ann', 'agreement_expired']],
    ]);
  });

  it('reminds the brand user to finalise the selection', () => {
    const drafts = notificationsForEvent({
      ...envelope,
      type: 'SelectionReminderDue',
      payload: {
        campaignId,
        brandId: 'brand-1',
        title: 'Summer glow',
        brandUserId: 'user-7',
        dueAt: '2026-11-29T10:00:00.000Z',
      },
    });
    expect(drafts.map((n) => [n.recipientId, n.kind])).toEqual([
      ['brand/brand-1/user/user-7', 'selection_reminder'],
    ]);
  });
});
