import { z } from 'zod';
import { Count, DAY_SECONDS as DAY, HttpUrl, PageCursor, durationSeconds } from './bounds';

const MINUTE = 60;

/**
 * Every moment of the lifecycle is a duration from the publish moment, so a demo can compress the
 * whole week into minutes. Day N of the product starts (N-1) days after publishing.
 */
export const CampaignSchedule = z
  .object({
    storyDelaySeconds: durationSeconds(0).default(5 * MINUTE),
    newsletterTimeUtc: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24h, UTC)')
      .default('18:00'),
    selectionReminderAfterSeconds: durationSeconds(0).default(4 * DAY),
    closeAfterSeconds: durationSeconds(1).default(6 * DAY),
    agreementWindowSeconds: durationSeconds(1).default(3 * DAY),
    agreementReminderBeforeSeconds: durationSeconds(0).default(DAY),
  })
  .strict();
export type CampaignSchedule = z.infer<typeof CampaignSchedule>;

export const Qualifications = z
  .object({
    minFollowers: Count.optional(),
    niches: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
    countries: z
      .array(z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code'))
      .max(250)
      .optional(),
  })
  .strict();
export type Qualifications = z.infer<typeof Qualifications>;

export const CreateCampaignRequest = z
  .object({
    title: z.string().trim().min(3).max(120),
    brief: z.string().trim().min(1).max(5000),
    qualifications: Qualifications.default({}),
    storyImageUrls: z.array(HttpUrl).max(10).default([]),
    schedule: CampaignSchedule.default(CampaignSchedule.parse({})),
  })
  .strict();
export type CreateCampaignRequest = z.infer<typeof CreateCampaignRequest>;

export const CampaignStatus = z.enum(['draft', 'published', 'closed']);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

export const CampaignView = z.object({
  id: z.uuid(),
  brandId: z.string(),
  title: z.string(),
  brief: z.string(),
  qualifications: Qualifications,
  storyImageUrls: z.array(z.string()),
  schedule: CampaignSchedule,
  status: CampaignStatus,
  publishedAt: z.iso.datetime().nullable(),
  closedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type CampaignView = z.infer<typeof CampaignView>;

export const CampaignIdParams = z.object({ campaignId: z.uuid() });

/** Editing a draft: any field of the create request; a published campaign cannot be edited. */
export const EditCampaignRequest = z
  .object({
    title: z.string().trim().min(3).max(120),
    brief: z.string().trim().min(1).max(5000),
    qualifications: Qualifications,
    storyImageUrls: z.array(HttpUrl).max(10),
    schedule: CampaignSchedule,
  })
  .partial()
  .strict();
export type EditCampaignRequest = z.infer<typeof EditCampaignRequest>;

/** The marketplace: campaigns open for applications, newest first. */
export const MarketplaceQuery = z
  .object({
    niche: z.string().trim().min(1).max(40).optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code')
      .optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: PageCursor.optional(),
  })
  .strict();
export type MarketplaceQuery = z.infer<typeof MarketplaceQuery>;

/** A page of campaigns; `nextCursor` fetches the next one, null on the last. */
export const CampaignPage = z.object({
  items: z.array(CampaignView),
  nextCursor: z.string().nullable(),
});
export const MarketplacePage = CampaignPage;

/** A brand's own campaigns (ops: every brand's, or one brand's), newest first. */
export const CampaignListQuery = z
  .object({
    status: CampaignStatus.optional(),
    /** Ops only: one brand's campaigns. */
    brandId: z.string().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: PageCursor.optional(),
  })
  .strict();
export type CampaignListQuery = z.infer<typeof CampaignListQuery>;
