import { randomUUID } from 'node:crypto';
import type {
  CampaignStatus,
  CreateCampaignRequest,
  EditCampaignRequest,
  MarketplaceQuery,
} from '@campaign/contracts';
import { olderThan, type PagePosition } from '@campaign/service-runtime';
import { Prisma } from '../generated/prisma/client';
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

    /** Edits a draft; false when the campaign is no longer a draft (published campaigns are fixed). */
    async editDraft(campaignId: string, edit: EditCampaignRequest): Promise<boolean> {
      const { count } = await db.campaign.updateMany({
        where: { id: campaignId, status: 'draft' },
        data: edit,
      });
      return count === 1;
    },

    /** Open campaigns, newest first, keyset-paginated on (published_at, id). */
    async marketplace(query: MarketplaceQuery, after: PagePosition | null) {
      const conditions = [Prisma.sql`c.status = 'published'`];
      if (query.niche) {
        conditions.push(
          Prisma.sql`(NOT (c.qualifications ? 'niches') OR jsonb_array_length(c.qualifications->'niches') = 0 OR c.qualifications->'niches' ? ${query.niche})`,
        );
      }
      if (query.country) {
        conditions.push(
          Prisma.sql`(NOT (c.qualifications ? 'countries') OR jsonb_array_length(c.qualifications->'countries') = 0 OR c.qualifications->'countries' ? ${query.country})`,
        );
      }
      if (after) {
        conditions.push(
          Prisma.sql`(c.published_at < ${after.at} OR (c.published_at = ${after.at} AND c.id > ${after.id}::uuid))`,
        );
      }
      const ids = await db.$queryRaw<{ id: string }[]>`
        SELECT c.id FROM campaigns c
        WHERE ${Prisma.join(conditions, ' AND ')}
        ORDER BY c.published_at DESC, c.id ASC
        LIMIT ${query.limit + 1}`;
      const rows = await db.campaign.findMany({ where: { id: { in: ids.map((row) => row.id) } } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((row) => byId.get(row.id)!).filter(Boolean);
    },

    /** Campaigns newest first (one brand's, or all), keyset-paginated on (created_at, id). */
    list(
      filter: { brandId?: string; status?: CampaignStatus },
      limit: number,
      after: PagePosition | null,
    ): Promise<Campaign[]> {
      return db.campaign.findMany({
        where: { ...filter, ...olderThan(after) },
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        take: limit + 1,
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
