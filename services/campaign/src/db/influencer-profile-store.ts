import {
  ShippingAddress,
  type InfluencerProfileEdit,
  type MyInfluencerProfile,
} from '@campaign/contracts';
import { Prisma } from '../generated/prisma/client';
import type { InfluencerProfile } from '../generated/prisma/client';
import type { CampaignDb } from './prisma-client';

export type InfluencerProfileStore = ReturnType<typeof createInfluencerProfileStore>;

export function createInfluencerProfileStore(db: CampaignDb) {
  return {
    async find(influencerId: string): Promise<MyInfluencerProfile | null> {
      const row = await db.influencerProfile.findUnique({ where: { id: influencerId } });
      return row ? toMyProfile(row) : null;
    },

    /**
     * Creates or replaces what the influencer edits; audience figures are kept (a new profile
     * starts at zero until the social account reports them). 'handle-taken' when another
     * influencer has the handle.
     */
    async save(
      influencerId: string,
      edit: InfluencerProfileEdit,
    ): Promise<MyInfluencerProfile | 'handle-taken'> {
      try {
        const row = await db.influencerProfile.upsert({
          where: { id: influencerId },
          create: { id: influencerId, ...edit, followers: 0, engagementRate: 0 },
          update: edit,
        });
        return toMyProfile(row);
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
          return 'handle-taken';
        }
        throw error;
      }
    },
  };
}

function toMyProfile(row: InfluencerProfile): MyInfluencerProfile {
  const address = ShippingAddress.parse(row.shippingAddress);
  return {
    id: row.id,
    handle: row.handle,
    displayName: row.displayName,
    niches: row.niches,
    country: row.country,
    shippingAddress: {
      street: address.street,
      ...(address.postcode ? { postcode: address.postcode } : {}),
      city: address.city,
      country: address.country,
    },
    followers: row.followers,
    engagementRate: row.engagementRate.toNumber(),
    createdAt: row.createdAt.toISOString(),
  };
}
