import type { SupportMessagePosted } from '@campaign/contracts';
import { supportTeamKey } from '@campaign/service-runtime';
import { inboxesOf } from '../src/domain/inboxes';
import { notificationsForSupportMessage } from '../src/domain/notifications-for-support-message';

const event = (payload: Partial<SupportMessagePosted['payload']>): SupportMessagePosted => ({
  id: '00000000-0000-4000-8000-000000000001',
  type: 'SupportMessagePosted',
  version: 1,
  occurredAt: '2026-11-27T10:00:00.000Z',
  subject: '00000000-0000-4000-8000-000000000002',
  payload: {
    messageId: '00000000-0000-4000-8000-000000000001',
    conversationId: '00000000-0000-4000-8000-000000000002',
    campaignId: null,
    requester: { role: 'brand', brandId: 'b/1', userId: 'u1' },
    senderId: 'u1',
    senderRole: 'brand',
    assigneeId: null,
    preview: 'Help',
    at: '2026-11-27T10:00:00.000Z',
    ...payload,
  },
});
const recipients = (e: SupportMessagePosted) =>
  notificationsForSupportMessage(e).map((draft) => draft.recipientId);

describe('who hears of a support message', () => {
  it('tells the support team of a message nobody has taken, and every ops user reads that inbox', () => {
    expect(recipients(event({}))).toEqual([supportTeamKey()]);
    expect(inboxesOf({ role: 'ops', userId: 'support' })).toContain(supportTeamKey());
    // No person's own key is the team's, whatever their id.
    for (const userId of ['team', 'support/team', 'support%2Fteam']) {
      expect(inboxesOf({ role: 'influencer', userId })).not.toContain(supportTeamKey());
      expect(inboxesOf({ role: 'brand', userId, brandId: 'support' })).not.toContain(
        supportTeamKey(),
      );
    }
  });

  it('tells the ops user who took it, and only them', () => {
    expect(recipients(event({ assigneeId: 'layla' }))).toEqual(['ops/layla']);
    expect(
      recipients(
        event({
          requester: { role: 'influencer', userId: 'i1' },
          senderRole: 'influencer',
          assigneeId: 'omar',
        }),
      ),
    ).toEqual(['ops/omar']);
  });

  it('tells a brand’s team of an ops reply, and an influencer themselves', () => {
    const reply = { senderRole: 'ops' as const, senderId: 'layla', assigneeId: 'layla' };
    expect(notificationsForSupportMessage(event(reply))).toEqual([
      {
        recipientId: 'brand/b%2F1/team',
        kind: 'support_message',
        title: 'Customer success replied',
        body: 'Help',
        campaignId: null,
      },
    ]);
    expect(
      recipients(event({ ...reply, requester: { role: 'influencer', userId: 'brand/x/team' } })),
    ).toEqual(['influencer/brand%2Fx%2Fteam']);
  });
});
