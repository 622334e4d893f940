import type { MessagePosted } from '@campaign/contracts';
import type { Identity } from '@campaign/service-runtime';
import { inboxesOf } from '../src/domain/inboxes';
import { notificationsForMessage } from '../src/domain/notifications-for-message';

const campaignId = '5d1c3f4e-8a4b-4c1e-9f0a-1b2c3d4e5f60';
const posted = (senderRole: MessagePosted['payload']['senderRole']): MessagePosted => ({
  id: '0b8f5f7e-3a3f-4d8e-9a57-2f3b8c6f2a10',
  type: 'MessagePosted',
  version: 1,
  occurredAt: '2026-11-25T10:00:00.000Z',
  subject: '7a0e2d7c-1c55-4a8f-8a55-0f4bde0b7e11',
  payload: {
    messageId: '0b8f5f7e-3a3f-4d8e-9a57-2f3b8c6f2a10',
    conversationId: '7a0e2d7c-1c55-4a8f-8a55-0f4bde0b7e11',
    campaignId,
    brandId: 'brand-sunny',
    influencerId: 'zoe',
    senderId: 'someone',
    senderRole,
    preview: 'Your package ships on Monday',
    at: '2026-11-25T10:00:00.000Z',
  },
});
const recipients = (role: MessagePosted['payload']['senderRole']) =>
  notificationsForMessage(posted(role)).map((draft) => draft.recipientId);

describe('notificationsForMessage', () => {
  it('tells the influencer of a message from the brand, with a preview', () => {
    expect(notificationsForMessage(posted('brand'))).toEqual([
      {
        recipientId: 'influencer/zoe',
        kind: 'new_message',
        title: 'New message in your Messenger',
        body: 'Your package ships on Monday',
        campaignId,
      },
    ]);
  });

  it("tells the brand's team inbox of a message from the influencer", () => {
    expect(recipients('influencer')).toEqual(['brand/brand-sunny/team']);
  });

  it('tells both sides when customer success writes', () => {
    expect(recipients('ops')).toEqual(['influencer/zoe', 'brand/brand-sunny/team']);
  });

  it("lets every user of a brand read the brand's team inbox, and nobody else", () => {
    const ava: Identity = { role: 'brand', userId: 'ava', brandId: 'brand-sunny' };
    expect(inboxesOf(ava)).toEqual(['brand/brand-sunny/user/ava', 'brand/brand-sunny/team']);
    expect(inboxesOf({ role: 'influencer', userId: 'zoe' })).toEqual(['influencer/zoe']);
    // Ops read their own and the support team's inbox (support messages nobody has taken).
    expect(inboxesOf({ role: 'ops', userId: 'layla' })).toEqual(['ops/layla', 'support/team']);
  });

  it('never lets equal user ids in other roles or brands share an inbox', () => {
    const namesakes: Identity[] = [
      { role: 'influencer', userId: 'u1' },
      { role: 'brand', userId: 'u1', brandId: 'brand-a' },
      { role: 'brand', userId: 'u1', brandId: 'brand-b' },
      { role: 'ops', userId: 'u1' },
      // Ids shaped like another principal's key forge nothing: every part is encoded.
      { role: 'influencer', userId: 'brand/brand-a/team' },
      { role: 'brand', userId: 'team', brandId: 'brand-a/user' },
    ];
    const own = namesakes.map((identity) => inboxesOf(identity)[0]);
    expect(new Set(own).size).toBe(namesakes.length);
    const teamInboxes = namesakes.flatMap((identity) => inboxesOf(identity).slice(1));
    for (const key of own) expect(teamInboxes).not.toContain(key);
    // Only a brand's users read its team inbox.
    expect(inboxesOf(namesakes[0]!)).toEqual(['influencer/u1']);
    expect(inboxesOf(namesakes[4]!)).toEqual(['influencer/brand%2Fbrand-a%2Fteam']);
  });
});
