import { randomUUID } from 'node:crypto';
import type { CreateCampaignRequest } from '@campaign/contracts';
import type { Campaign } from '../generated/prisma/client';
import type { CampaignDb } from './prisma-client';

export type CampaignStore = ReturnType<typeof createCampaignStore>;

export function createCampaignStore(db: CampaignDb) {
  return {
    createDraft(
      brandId: string,
      createdBy: string,
      draft: CreateCampaignRequest,
    ): Promise<Campaign> {
      return db.campaign.create({
        data: {
          id: randomUUID(),
          brandId,
          createdBy,
          title: draft.title,
          brief: draft.brief,
          qualifications: draft.qualifications,
          storyImageUrls: draft.storyImageUrls,
          schedule: draft.schedule,
        },
      });
    },

    find(campaignId: string): Promise<Campaign | null> {
      return db.campaign.findUnique({ where: { id: campaignId } });
    },

    async hasAgreement(campaignId: string, influencerId: string): Promise<boolean> {
      const row = await db.agreement.findUnique({
        where: { campaignId_influencerId: { campaignId, influencerId } },
        select: { status: true },
      });
      return row !== null;
    },

    async ping(): Promise<void> {
      await db.$queryRaw`SELECT 1`;
    },
  };
}
