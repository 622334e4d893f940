import { CAMPAIGN_EVENTS_TOPIC } from '@campaign/contracts';
import { StreamListener, type Logger, type StreamRow } from '@campaign/service-runtime';
import type { CampaignDb } from './prisma-client';

/** The channel the campaign event outbox's trigger announces a campaign's events on. */
export const CAMPAIGN_CHANGES_CHANNEL = 'campaign_changes';

/** One per process: every board stream this replica serves waits on it. Call `start()`. */
export function createCampaignChangeListener(databaseUrl: string, logger: Logger): StreamListener {
  return new StreamListener({ databaseUrl, channel: CAMPAIGN_CHANGES_CHANNEL, logger });
}

export type CampaignChanges = ReturnType<typeof createCampaignChanges>;

/**
 * A campaign's changes as a stream: the events recorded for it, by position (its outbox rows).
 * A change says only what happened and when (`ApplicationReceived` at …), never who or what it
 * carries: the board it prompts the reader to fetch again decides what the reader may see.
 */
export function createCampaignChanges(db: CampaignDb) {
  return {
    async head(campaignId: string): Promise<number> {
      const [row] = await db.$queryRaw<{ head: bigint | null }[]>`
        SELECT max(position) AS head FROM campaign_event_outbox
        WHERE subject = ${campaignId} AND topic = ${CAMPAIGN_EVENTS_TOPIC}`;
      return Number(row?.head ?? 0);
    },

    async after(campaignId: string, position: number, limit: number): Promise<StreamRow[]> {
      const rows = await db.$queryRaw<{ position: bigint; type: string; at: string }[]>`
        SELECT position, envelope->>'type' AS type, envelope->>'occurredAt' AS at
        FROM campaign_event_outbox
        WHERE subject = ${campaignId} AND topic = ${CAMPAIGN_EVENTS_TOPIC}
          AND position > ${position}
        ORDER BY position
        LIMIT ${limit}`;
      return rows.map((row) => ({
        position: Number(row.position),
        event: 'change',
        data: { type: row.type, at: row.at },
      }));
    },
  };
}
