import { rosterParts, type RosterCursor, type RosterPage } from '@campaign/workflows';
import type { CampaignDb } from './prisma-client';

/** A page stays well under the 512 KB Temporal warns about, whatever the ids look like. */
const PAGE_BYTES = 256 * 1024;
const ROWS_PER_QUERY = 2_000;

export type CampaignRosterStore = ReturnType<typeof createCampaignRosterStore>;

/**
 * A campaign's people as its recorded facts left them in the read model: applicants and their
 * status, invitations, agreements and the group. A new run of the campaign's workflow reads them
 * back page by page, in influencer-id order, instead of carrying 100,000 of them from run to run.
 */
export function createCampaignRosterStore(db: CampaignDb) {
  const rows = (campaignId: string, part: RosterCursor['part'], after: string | null) => {
    const query = {
      where: { campaignId, ...(after === null ? {} : { influencerId: { gt: after } }) },
      orderBy: { influencerId: 'asc' as const },
      take: ROWS_PER_QUERY,
    };
    switch (part) {
      case 'applicants':
        return db.application
          .findMany({ ...query, select: { influencerId: true, status: true } })
          .then((found) => found.map((row) => [row.influencerId, row.status] as const));
      case 'invited':
        return db.invitation
          .findMany({ ...query, select: { influencerId: true } })
          .then((found) => found.map((row) => row.influencerId));
      case 'agreements':
        return db.agreement
          .findMany(query)
          .then((found) =>
            found.map(
              (row) =>
                [
                  row.influencerId,
                  row.status,
                  row.sentAt.getTime(),
                  row.deadline.getTime(),
                  row.remindedAt !== null,
                ] as const,
            ),
          );
      case 'group':
        return db.collaborator
          .findMany({ ...query, select: { influencerId: true } })
          .then((found) => found.map((row) => row.influencerId));
    }
  };

  return {
    async page(campaignId: string, from: RosterCursor): Promise<RosterPage> {
      const page: RosterPage = {
        applicants: [],
        invited: [],
        agreements: [],
        group: [],
        next: null,
      };
      let bytes = 0;
      for (let at = rosterParts.indexOf(from.part); at < rosterParts.length; at += 1) {
        const part = rosterParts[at]!;
        let after = part === from.part ? from.after : null;
        for (;;) {
          const found = await rows(campaignId, part, after);
          for (const entry of found) {
            const id = typeof entry === 'string' ? entry : entry[0];
            bytes += Buffer.byteLength(JSON.stringify(entry)) + 1;
            if (bytes > PAGE_BYTES) {
              page.next = { part, after };
              return page;
            }
            (page[part] as unknown[]).push(entry);
            after = id;
          }
          if (found.length < ROWS_PER_QUERY) break;
        }
      }
      return page;
    },
  };
}
