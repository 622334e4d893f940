import type { CampaignEvent } from '@campaign/contracts';
import { createCampaignActivities } from '../src/activities/campaign-activities';

describe('campaign activities', () => {
  it('stores the fact before announcing it, and a retry announces the same event id', async () => {
    const steps: string[] = [];
    const published: CampaignEvent[] = [];
    const activities = createCampaignActivities({
      readModel: {
        markPublished: async () => {
          steps.push('stored');
        },
        markClosed: async () => {
          steps.push('stored');
        },
      },
      events: {
        publish: async (_topic, events) => {
          steps.push('announced');
          published.push(...events);
        },
      },
    });
    const input = {
      eventId: '0b8f5f7e-3a3f-4d8e-9a57-2f3b8c6f2a10',
      campaignId: '5d1c3f4e-8a4b-4c1e-9f0a-1b2c3d4e5f60',
      brandId: 'brand-1',
      title: 'Summer glow',
      publishedBy: 'user-1',
      publishedAt: '2026-11-25T10:00:00.000Z',
      closesAt: '2026-12-01T10:00:00.000Z',
    };

    await activities.recordPublished(input);
    await activities.recordPublished(input);

    expect(steps).toEqual(['stored', 'announced', 'stored', 'announced']);
    expect(published.map((event) => event.id)).toEqual([input.eventId, input.eventId]);
    expect(published[0]).toMatchObject({
      type: 'CampaignPublished',
      version: 1,
      subject: input.campaignId,
      payload: { campaignId: input.campaignId, publishedBy: 'user-1' },
    });
  });

  it('never announces an event that breaks its contract', async () => {
    const published: CampaignEvent[] = [];
    const activities = createCampaignActivities({
      readModel: { markPublished: async () => {}, markClosed: async () => {} },
      events: { publish: async (_topic, events) => void published.push(...events) },
    });
    await expect(
      activities.recordClosed({
        eventId: 'not-a-uuid',
        campaignId: '5d1c3f4e-8a4b-4c1e-9f0a-1b2c3d4e5f60',
        brandId: 'brand-1',
        closedAt: '2026-12-01T10:00:00.000Z',
        reason: 'schedule',
      }),
    ).rejects.toThrow();
    expect(published).toHaveLength(0);
  });
});
