import { randomUUID } from 'node:crypto';
import type { PostedResult } from '@campaign/contracts';
import type { PostInsights } from '@campaign/social-network';
import { Prisma } from '../generated/prisma/client';
import { postedResult } from './collaboration-store';
import type { CampaignDb } from './prisma-client';

export type InsightsResultStore = ReturnType<typeof createInsightsResultStore>;

/** An imported result as its refresh needs it: whose post, and its id on the network. */
export type ResultToRefresh = { id: string; influencerId: string; mediaId: string };

/**
 * Results imported from a post's insights (source `insights`): stored once per post, collaborator
 * and campaign, and their figures rewritten by each refresh while the collaboration runs.
 */
export function createInsightsResultStore(db: CampaignDb) {
  const find = (campaignId: string, influencerId: string, mediaId: string) =>
    db.result.findUnique({
      where: { campaignId_influencerId_mediaId: { campaignId, influencerId, mediaId } },
    });

  return {
    /**
     * Stores the post's figures as the collaborator's result, or, when this post is imported
     * already (by an earlier request or one at the same moment), brings that one's figures up to
     * date: one post counts once.
     */
    async importPost(post: {
      campaignId: string;
      influencerId: string;
      postUrl: string;
      mediaId: string;
      insights: PostInsights;
      at: Date;
    }): Promise<{ created: boolean; result: PostedResult }> {
      const { campaignId, influencerId, mediaId, insights, at } = post;
      const figures = { ...insights, refreshedAt: at };
      const existing = await find(campaignId, influencerId, mediaId);
      if (!existing) {
        try {
          const row = await db.result.create({
            data: {
              id: randomUUID(),
              campaignId,
              influencerId,
              postUrl: post.postUrl,
              ...figures,
              clicks: 0,
              screenshotUrls: [],
              source: 'insights',
              mediaId,
            },
          });
          return { created: true, result: postedResult(row) };
        } catch (error) {
          // Another request imported the same post in between: that one is the result.
          const duplicate =
            error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
          if (!duplicate) throw error;
        }
      }
      const row = await db.result.update({
        where: { campaignId_influencerId_mediaId: { campaignId, influencerId, mediaId } },
        data: figures,
      });
      return { created: false, result: postedResult(row) };
    },

    async toRefresh(id: string): Promise<ResultToRefresh | null> {
      const row = await db.result.findUnique({ where: { id } });
      if (!row || row.source !== 'insights' || !row.mediaId) return null;
      return { id: row.id, influencerId: row.influencerId, mediaId: row.mediaId };
    },

    async writeInsights(id: string, insights: PostInsights, at: Date) {
      await db.result.updateMany({
        where: { id, source: 'insights' },
        data: { ...insights, refreshedAt: at },
      });
    },

    /**
     * Imported results of campaigns whose collaboration runs (started at or after
     * `startedSince`: a campaign finishes its grace period after the start), after `after` in id
     * order: the refresh's pages.
     */
    async runningPage(after: string | null, limit: number, startedSince: Date): Promise<string[]> {
      const rows = await db.$queryRaw<{ id: string }[]>`
        SELECT r.id::text AS id
          FROM results r
          JOIN campaigns c ON c.id = r.campaign_id
         WHERE r.source = 'insights'
           AND c.collaboration_started_at IS NOT NULL
           AND c.collaboration_started_at >= ${startedSince}
           AND (${after}::uuid IS NULL OR r.id > ${after}::uuid)
         ORDER BY r.id
         LIMIT ${limit}`;
      return rows.map((row) => row.id);
    },
  };
}
