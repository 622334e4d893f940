import type { MyAgreement, MyApplication } from '@campaign/contracts';
import { applicationOutcome } from '../domain/application-outcome';
import type { CampaignDb } from './prisma-client';

/** One influencer's own applications and agreements, newest first, and nobody else's. */
export function createMyCampaignsStore(db: CampaignDb) {
  async function campaignsById(ids: string[]) {
    const campaigns = await db.campaign.findMany({
      where: { id: { in: ids } },
      select: { id: true, title: true, status: true, collaborationStartedAt: true },
    });
    return new Map(campaigns.map((campaign) => [campaign.id, campaign]));
  }

  return {
    async applications(influencerId: string): Promise<MyApplication[]> {
      const rows = await db.application.findMany({
        where: { influencerId },
        orderBy: [{ appliedAt: 'desc' }, { campaignId: 'asc' }],
      });
      const campaignIds = rows.map((row) => row.campaignId);
      const [campaigns, groups] = await Promise.all([
        campaignsById(campaignIds),
        db.collaborator.findMany({
          where: { influencerId, campaignId: { in: campaignIds } },
          select: { campaignId: true },
        }),
      ]);
      const inGroup = new Set(groups.map((row) => row.campaignId));
      return rows.flatMap((row) => {
        const campaign = campaigns.get(row.campaignId);
        if (!campaign) return [];
        return [
          {
            campaignId: row.campaignId,
            title: campaign.title,
            campaignStatus: campaign.status,
            appliedAt: row.appliedAt.toISOString(),
            source: row.source === 'manual' ? 'manual' : 'applied',
            outcome: applicationOutcome(
              campaign.collaborationStartedAt,
              inGroup.has(row.campaignId),
            ),
          },
        ];
      });
    },

    async agreements(influencerId: string): Promise<MyAgreement[]> {
      const rows = await db.agreement.findMany({
        where: { influencerId },
        orderBy: [{ sentAt: 'desc' }, { campaignId: 'asc' }],
      });
      const campaigns = await campaignsById(rows.map((row) => row.campaignId));
      return rows.flatMap((row) => {
        const campaign = campaigns.get(row.campaignId);
        if (!campaign) return [];
        return [
          {
            campaignId: row.campaignId,
            title: campaign.title,
            status: row.status,
            sentAt: row.sentAt.toISOString(),
            deadline: row.deadline.toISOString(),
            decidedAt: row.decidedAt?.toISOString() ?? null,
          },
        ];
      });
    },
  };
}

export type MyCampaignsStore = ReturnType<typeof createMyCampaignsStore>;
