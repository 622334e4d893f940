import type { CampaignEvent } from '@campaign/contracts';
import { campaignParties } from '../src/events/campaign-parties';

const base = {
  id: '00000000-0000-4000-8000-000000000001',
  occurredAt: '2026-11-27T10:00:00.000Z',
  subject: 'c',
  version: 1,
};
const campaignId = '00000000-0000-4000-8000-000000000009';
const at = '2026-11-27T10:00:00.000Z';

describe('the parties a campaign event names', () => {
  it('names the brand as its team and each influencer the event names, once', () => {
    const events = [
      {
        ...base,
        type: 'CampaignClosed',
        payload: { campaignId, brandId: 'b1', closedAt: at, reason: 'schedule' },
      },
      {
        ...base,
        type: 'AgreementSigned',
        payload: { campaignId, brandId: 'b1', title: 't', influencerId: 'i1', at },
      },
      {
        ...base,
        type: 'CollaboratorsJoined',
        payload: {
          campaignId,
          brandId: 'b1',
          title: 't',
          influencerIds: ['i1', 'i2', 'i1'],
          startedAt: at,
        },
      },
      {
        ...base,
        type: 'CollaborationStarted',
        payload: {
          campaignId,
          brandId: 'b/1',
          title: 't',
          startedAt: at,
          startedBy: 'u',
          group: ['i1'],
          others: ['brand/x/team'],
          lapsedAgreements: [],
        },
      },
    ] as unknown as CampaignEvent[];
    expect(events.map(campaignParties)).toEqual([
      ['brand/b1/team'],
      ['brand/b1/team', 'influencer/i1'],
      ['brand/b1/team', 'influencer/i1', 'influencer/i2'],
      // An influencer whose id looks like a brand's key is still an influencer.
      ['brand/b%2F1/team', 'influencer/i1', 'influencer/brand%2Fx%2Fteam'],
    ]);
  });
});
