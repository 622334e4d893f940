import { ShippingAddress, type Collaborator } from '@campaign/contracts';
import type { CampaignDb } from './prisma-client';

export type CollaborationStore = ReturnType<typeof createCollaborationStore>;

export function createCollaborationStore(db: CampaignDb) {
  return {
    /** The group of a started collaboration, with names and shipping addresses. */
    async collaborators(campaignId: string): Promise<Collaborator[]> {
      const rows = await db.collaborator.findMany({
        where: { campaignId },
        orderBy: { influencerId: 'asc' },
      });
      const profiles = await db.influencerProfile.findMany({
        where: { id: { in: rows.map((row) => row.influencerId) } },
        select: { id: true, handle: true, displayName: true, shippingAddress: true },
      });
      const byId = new Map(profiles.map((profile) => [profile.id, profile]));
      return rows.map((row) => {
        const profile = byId.get(row.influencerId);
        const address = ShippingAddress.safeParse(profile?.shippingAddress);
        return {
          influencerId: row.influencerId,
          handle: profile?.handle ?? row.influencerId,
          name: profile?.displayName ?? row.influencerId,
          shippingAddress: address.success ? address.data : null,
          startedAt: row.startedAt.toISOString(),
        };
      });
    },
  };
}
