import { z } from 'zod';
import { eventEnvelope } from './envelope';

export const CAMPAIGN_EVENTS_TOPIC = 'campaign.lifecycle.v1';

export const CampaignPublished = eventEnvelope(
  'CampaignPublished',
  1,
  z.object({
    campaignId: z.uuid(),
    brandId: z.string(),
    title: z.string(),
    publishedBy: z.string(),
    publishedAt: z.iso.datetime(),
    closesAt: z.iso.datetime(),
  }),
);
export type CampaignPublished = z.infer<typeof CampaignPublished>;

export const CampaignClosed = eventEnvelope(
  'CampaignClosed',
  1,
  z.object({
    campaignId: z.uuid(),
    brandId: z.string(),
    closedAt: z.iso.datetime(),
    reason: z.enum(['schedule', 'ops']),
  }),
);
export type CampaignClosed = z.infer<typeof CampaignClosed>;

export const CampaignEvent = z.discriminatedUnion('type', [CampaignPublished, CampaignClosed]);
export type CampaignEvent = z.infer<typeof CampaignEvent>;
export type CampaignEventType = CampaignEvent['type'];
