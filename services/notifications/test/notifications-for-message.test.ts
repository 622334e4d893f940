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
        recipientId: 'zoe',
        kind: 'new_message',
        title: 'New message in your Messenger',
        body: 'Your package ships on Monday',
        campaignId,
      },
    ]);
  });

  it("tells the brand's team inbox of a message from the influencer", () => {
    expect(recipients('influencer')).toEqual(['brand:brand-sunny']);
  });

  it('tells both sides when customer success writes', () => {
    expect(recipients('ops')).toEqual(['zoe', 'brand:brand-sunny']);
  });

  it("lets every user of a brand read the brand's team inbox, and nobody else", () => {
    const ava: Identity = { role: 'brand', userId: 'ava', brandId: 'brand-sunny' };
    expect(inboxesOf(ava)).toEqual(['ava', 'brand:brand-sunny']);
    expect(inboxesOf({ role: 'influencer', userId: 'zoe' })).toEqual(['zoe']);
    expect(inboxesOf({ role: 'ops', userId: 'layla' })).toEqual(['layla']);
  });
});
