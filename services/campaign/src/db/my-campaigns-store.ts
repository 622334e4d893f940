import type { MyAgreement, MyApplication } from '@campaign/contracts';
import { applicationOutcome } from '../domain/application-outcome';
import type { Campaign } from '../generated/prisma/client';
import type { CampaignDb } from './prisma-client';

/** One influencer's own applications and agreements, newest first, and nobody else's. */
export function createMyCampaignsStore(db: CampaignDb) {
  /** Each row with the campaign it is about; rows of a campaign that is gone are left out. */
  async function withCampaigns<Row extends { campaignId: string }, View>(
    rows: Row[],
    view: (row: Row, campaign: CampaignSummary) => View,
  ): Promise<View[]> {
    const campaigns = await db.campaign.findMany({
      where: { id: { in: rows.map((row) => row.campaignId) } },
      select: { id: true, title: true, status: true, collaborationStartedAt: true },
    });
    const byId = new Map(campaigns.map((campaign) => [campaign.id, campaign]));
    return rows.flatMap((row) => {
      const campaign = byId.get(row.campaignId);
      return campaign ? [view(row, campaign)] : [];
    });
  }

  return {
    async applications(influencerId: string): Promise<MyApplication[]> {
      const [rows, groups] = await Promise.all([
        db.application.findMany({
          where: { influencerId },
          orderBy: [{ appliedAt: 'desc' }, { campaignId: 'asc' }],
        }),
        db.collaborator.findMany({ where: { influencerId }, select: { campaignId: true } }),
      ]);
      const inGroup = new Set(groups.map((row) => row.campaignId));
      return withCampaigns(rows, (row, campaign) => ({
        campaignId: row.campaignId,
        title: campaign.title,
        campaignStatus: campaign.status,
        appliedAt: row.appliedAt.toISOString(),
        source: row.source === 'manual' ? 'manual' : 'applied',
        outcome: applicationOutcome(campaign.collaborationStartedAt, inGroup.has(row.campaignId)),
      }));
    },

    async agreements(influencerId: string): Promise<MyAgreement[]> {
      const rows = await db.agreement.findMany({
        where: { influencerId },
        orderBy: [{ sentAt: 'desc' }, { campaignId: 'asc' }],
      });
      return withCampaigns(rows, (row, campaign) => ({
        campaignId: row.campaignId,
        title: campaign.title,
        status: row.status,
        sentAt: row.sentAt.toISOString(),
        deadline: row.deadline.toISOString(),
        decidedAt: row.decidedAt?.toISOString() ?? null,
      }));
    },
  };
}

type CampaignSummary = Pick<Campaign, 'id' | 'title' | 'status' | 'collaborationStartedAt'>;

export type MyCampaignsStore = ReturnType<typeof createMyCampaignsStore>;
