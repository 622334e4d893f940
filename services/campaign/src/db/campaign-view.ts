import { CampaignSchedule, Qualifications, type CampaignView } from '@campaign/contracts';
import type { Campaign } from '../generated/prisma/client';

export function toCampaignView(row: Campaign): CampaignView {
  return {
    id: row.id,
    brandId: row.brandId,
    title: row.title,
    brief: row.brief,
    qualifications: Qualifications.parse(row.qualifications),
    storyImageUrls: row.storyImageUrls,
    schedule: CampaignSchedule.parse(row.schedule),
    status: row.status,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
