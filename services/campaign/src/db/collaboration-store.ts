import { randomUUID } from 'node:crypto';
import {
  ShippingAddress,
  type Collaborator,
  type PostedResult,
  type ResultUpload,
} from '@campaign/contracts';
import type { Result } from '../generated/prisma/client';
import type { CampaignDb } from './prisma-client';

/** A stored result as shown, with where its figures come from. */
export function postedResult(row: Result): PostedResult {
  return {
    id: row.id,
    postUrl: row.postUrl,
    reach: row.reach,
    impressions: row.impressions,
    likes: row.likes,
    comments: row.comments,
    clicks: row.clicks,
    screenshotUrls: row.screenshotUrls,
    createdAt: row.createdAt.toISOString(),
    source: row.source,
    mediaId: row.mediaId,
    refreshedAt: row.refreshedAt?.toISOString() ?? null,
  };
}

export type CollaborationStore = ReturnType<typeof createCollaborationStore>;

export function createCollaborationStore(db: CampaignDb) {
  return {
    async isCollaborator(campaignId: string, influencerId: string): Promise<boolean> {
      const row = await db.collaborator.findUnique({
        where: { campaignId_influencerId: { campaignId, influencerId } },
        select: { influencerId: true },
      });
      return row !== null;
    },

    /** A result typed in by the collaborator: marked `manual`. */
    async addResult(campaignId: string, influencerId: string, result: ResultUpload) {
      const row = await db.result.create({
        data: { id: randomUUID(), campaignId, influencerId, ...result, source: 'manual' },
      });
      return postedResult(row);
    },

    async results(campaignId: string) {
      const rows = await db.result.findMany({
        where: { campaignId },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
      return rows.map((row) => ({ influencerId: row.influencerId, ...postedResult(row) }));
    },

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
