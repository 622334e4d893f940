import type { CampaignDb } from './prisma-client';

export { createPrismaClient } from './prisma-client';

/**
 * The writes the campaign workflow's activities make. Each converges: running it twice leaves the
 * row as running it once, and a late retry never moves a campaign backwards (closed stays closed).
 */
export function createCampaignReadModel(db: CampaignDb) {
  return {
    async markPublished(
      campaignId: string,
      at: { publishedAt: Date; closesAt: Date },
    ): Promise<void> {
      await db.campaign.updateMany({
        where: { id: campaignId, status: 'draft' },
        data: { status: 'published', publishedAt: at.publishedAt, closesAt: at.closesAt },
      });
    },

    async markClosed(campaignId: string, at: { closedAt: Date }): Promise<void> {
      await db.campaign.updateMany({
        where: { id: campaignId, status: { in: ['draft', 'published'] } },
        data: { status: 'closed', closedAt: at.closedAt },
      });
    },
  };
}

export type CampaignReadModel = ReturnType<typeof createCampaignReadModel>;
