import { CampaignPublished, CreateCampaignRequest } from '../src';

const DAY = 24 * 60 * 60;

describe('CreateCampaignRequest', () => {
  it('fills in the product’s default week: story after 5 min, newsletter 18:00 UTC, close at the start of day 7, 3 days to sign', () => {
    const request = CreateCampaignRequest.parse({ title: 'Summer glow', brief: 'Show our SPF' });
    expect(request.schedule).toEqual({
      storyDelaySeconds: 300,
      newsletterTimeUtc: '18:00',
      selectionReminderAfterSeconds: 4 * DAY,
      closeAfterSeconds: 6 * DAY,
      agreementWindowSeconds: 3 * DAY,
      agreementReminderBeforeSeconds: DAY,
    });
    expect(request.qualifications).toEqual({});
  });

  it('keeps a compressed schedule so a demo can run a week in minutes', () => {
    const request = CreateCampaignRequest.parse({
      title: 'Demo',
      brief: 'A fast week',
      schedule: { closeAfterSeconds: 120, agreementWindowSeconds: 60 },
    });
    expect(request.schedule.closeAfterSeconds).toBe(120);
    expect(request.schedule.agreementWindowSeconds).toBe(60);
    expect(request.schedule.storyDelaySeconds).toBe(300);
  });

  it('names every wrong field', () => {
    const result = CreateCampaignRequest.safeParse({
      title: 'x',
      brief: 'ok',
      qualifications: { countries: ['nl'], minFollowers: -1 },
      schedule: { newsletterTimeUtc: '25:00' },
      surprise: true,
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join('.')).sort();
    expect(paths).toEqual([
      '',
      'qualifications.countries.0',
      'qualifications.minFollowers',
      'schedule.newsletterTimeUtc',
      'title',
    ]);
  });
});

describe('event envelope', () => {
  const event = {
    id: '0b8f5f7e-3a3f-4d8e-9a57-2f3b8c6f2a10',
    type: 'CampaignPublished',
    version: 1,
    occurredAt: '2026-11-25T10:00:00.000Z',
    subject: '5d1c3f4e-8a4b-4c1e-9f0a-1b2c3d4e5f60',
    payload: {
      campaignId: '5d1c3f4e-8a4b-4c1e-9f0a-1b2c3d4e5f60',
      brandId: 'brand-1',
      title: 'Summer glow',
      publishedBy: 'user-1',
      publishedAt: '2026-11-25T10:00:00.000Z',
      closesAt: '2026-12-01T10:00:00.000Z',
    },
  };

  it('accepts a well-formed event', () => {
    expect(CampaignPublished.parse(event)).toEqual(event);
  });

  it('refuses an event of another version or without an id to dedupe on', () => {
    expect(CampaignPublished.safeParse({ ...event, version: 2 }).success).toBe(false);
    expect(CampaignPublished.safeParse({ ...event, id: undefined }).success).toBe(false);
  });
});
