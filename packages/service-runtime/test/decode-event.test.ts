import { randomUUID } from 'node:crypto';
import { CampaignEvent } from '@campaign/contracts';
import { decodeEvent } from '../src/kafka/decode-event';

const invitation = (overrides: object = {}) => ({
  id: randomUUID(),
  type: 'InfluencerInvited',
  version: 1,
  occurredAt: '2026-11-25T10:00:00.000Z',
  subject: 'campaign-1',
  payload: {
    campaignId: randomUUID(),
    brandId: 'brand-1',
    influencerId: 'influencer-1',
    invitedBy: 'ava',
    at: '2026-11-25T10:00:00.000Z',
    message: 'Hi Jane, join us!',
  },
  ...overrides,
});
const bytes = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('reading a record as an event the consumer knows', () => {
  it('reads a known event', () => {
    const event = invitation();
    expect(decodeEvent(CampaignEvent, bytes(event))).toEqual({ event });
  });

  it('says why a record is no event: no value, or no JSON', () => {
    expect(decodeEvent(CampaignEvent, null)).toEqual({ notAnEvent: 'no value' });
    expect(decodeEvent(CampaignEvent, Buffer.from('{"id":'))).toEqual({ notAnEvent: 'not JSON' });
  });

  it('names an unknown type and a newer version', () => {
    const unknown = decodeEvent(CampaignEvent, bytes(invitation({ type: 'CampaignArchived' })));
    expect(unknown).toEqual({
      notAnEvent: expect.stringMatching(/^not a known event CampaignArchived v1: type:/),
    });
    const newer = decodeEvent(CampaignEvent, bytes(invitation({ version: 2 })));
    expect(newer).toEqual({
      notAnEvent: expect.stringMatching(/^not a known event InfluencerInvited v2: version:/),
    });
  });

  it('names the failing fields, never their values', () => {
    const event = invitation();
    const decoded = decodeEvent(
      CampaignEvent,
      bytes({ ...event, payload: { ...event.payload, campaignId: 'jane@example.com', at: 7 } }),
    );
    const reason = 'notAnEvent' in decoded ? decoded.notAnEvent : '';
    expect(reason).toContain('payload.campaignId');
    expect(reason).toContain('payload.at');
    expect(reason).not.toContain('jane@example.com');
    expect(reason).not.toContain('Hi Jane');
  });
});
