import type { NotificationsDb } from '../db/prisma-client';
import type { DigestCampaign } from './digest-template';

/** Campaigns kept in memory: a day's edition lists a few dozen; this is many days' worth. */
const KEPT = 5_000;

export type DigestCampaigns = ReturnType<typeof createDigestCampaigns>;

/**
 * The campaigns digests list, by id. A filed campaign never changes, and every digest of an
 * edition lists a few of the same few dozen, so each is read once per process and kept: the
 * sender's claim carries ids only, not each digest's campaigns again.
 */
export function createDigestCampaigns(db: NotificationsDb) {
  const kept = new Map<string, DigestCampaign>();

  return {
    /** Each id's campaign, in the order given (an id no longer filed is left out). */
    async of(ids: readonly string[]): Promise<DigestCampaign[]> {
      const missing = [...new Set(ids.filter((id) => !kept.has(id)))];
      if (missing.length > 0) {
        const rows = await db.newsletterCampaign.findMany({
          where: { campaignId: { in: missing } },
          select: { campaignId: true, title: true, closesAt: true },
        });
        if (kept.size + rows.length > KEPT) kept.clear();
        for (const row of rows) {
          kept.set(row.campaignId, {
            id: row.campaignId,
            title: row.title,
            closesAt: row.closesAt?.toISOString() ?? null,
          });
        }
      }
      return ids.flatMap((id) => kept.get(id) ?? []);
    },
  };
}
