import {
  Count,
  type NetworkPage,
  type NetworkSearchQuery,
  type PlanName,
} from '@campaign/contracts';
import { openCursor, sealCursor } from '@campaign/service-runtime';
import { z } from 'zod';
import { Prisma } from '../generated/prisma/client';
import type { CampaignDb } from './prisma-client';

/** Where a page of the Network ended: keyset on (followers, id). */
const NetworkCursor = z.object({ followers: Count, id: z.string().min(1).max(200) });
type NetworkCursor = z.infer<typeof NetworkCursor>;

const encode = (cursor: NetworkCursor) => sealCursor(cursor);

function decode(cursor: string | undefined): NetworkCursor | null {
  return cursor ? openCursor(cursor, NetworkCursor) : null;
}

type Row = {
  id: string;
  handle: string;
  display_name: string;
  niches: string[];
  country: string;
  followers: number;
  engagement_rate: Prisma.Decimal;
};

export type NetworkStore = ReturnType<typeof createNetworkStore>;

export function createNetworkStore(db: CampaignDb) {
  return {
    async planOf(brandId: string): Promise<PlanName | null> {
      const brand = await db.brand.findUnique({ where: { id: brandId }, select: { plan: true } });
      return brand?.plan ?? null;
    },

    async brandName(brandId: string): Promise<string | null> {
      const brand = await db.brand.findUnique({ where: { id: brandId }, select: { name: true } });
      return brand?.name ?? null;
    },

    async card(influencerId: string) {
      return db.influencerProfile.findUnique({
        where: { id: influencerId },
        select: { id: true, displayName: true },
      });
    },

    async profile(influencerId: string) {
      return db.influencerProfile.findUnique({
        where: { id: influencerId },
        select: { followers: true, niches: true, country: true },
      });
    },

    /**
     * Largest audiences first, keyset-paginated on (followers, id) so deep pages cost what the
     * first one does; influencers who applied to the campaign are left out.
     */
    async search(query: NetworkSearchQuery): Promise<NetworkPage | 'bad-cursor'> {
      const cursor = decode(query.cursor);
      if (query.cursor && !cursor) return 'bad-cursor';
      const conditions = [
        Prisma.sql`NOT EXISTS (SELECT 1 FROM applications a WHERE a.campaign_id = ${query.campaignId}::uuid AND a.influencer_id = p.id)`,
      ];
      if (query.niche) conditions.push(Prisma.sql`p.niches @> ARRAY[${query.niche}]::text[]`);
      if (query.country) conditions.push(Prisma.sql`p.country = ${query.country}`);
      if (query.minFollowers !== undefined) {
        conditions.push(Prisma.sql`p.followers >= ${query.minFollowers}`);
      }
      if (cursor) {
        conditions.push(
          Prisma.sql`(p.followers < ${cursor.followers} OR (p.followers = ${cursor.followers} AND p.id > ${cursor.id}))`,
        );
      }
      const rows = await db.$queryRaw<Row[]>`
        SELECT p.id, p.handle, p.display_name, p.niches, p.country, p.followers, p.engagement_rate
        FROM influencer_profiles p
        WHERE ${Prisma.join(conditions, ' AND ')}
        ORDER BY p.followers DESC, p.id ASC
        LIMIT ${query.limit + 1}`;
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map((row) => ({
          id: row.id,
          handle: row.handle,
          displayName: row.display_name,
          niches: row.niches,
          country: row.country,
          followers: row.followers,
          engagementRate: Number(row.engagement_rate),
        })),
        nextCursor:
          rows.length > query.limit && last
            ? encode({ followers: last.followers, id: last.id })
            : null,
      };
    },
  };
}
