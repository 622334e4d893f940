import {
  CAMPAIGN_EVENTS_TOPIC,
  CampaignEvent,
  type CampaignStoryView,
  type StoryListQuery,
} from '@campaign/contracts';
import type { PagePosition } from '@campaign/service-runtime';
import type { StoryRecord } from '@campaign/workflows';
import type { CampaignStory } from '../generated/prisma/client';
import { storeOutgoingEvents } from './campaign-event-outbox';
import type { CampaignDb } from './prisma-client';

export type StoryStore = ReturnType<typeof createStoryStore>;

/**
 * The campaign's story as the story workflow records it. A settled story (posted or failed) is
 * stored with its event in one transaction, so the event leaves through the outbox only for what
 * was committed; a retried recording stores nothing twice (the event id is the outbox's key, and a
 * settled story is never set back to posting).
 */
export function createStoryStore(db: CampaignDb) {
  return {
    async record(record: StoryRecord): Promise<void> {
      const { campaignId, brandId } = record;
      const at = new Date(record.at);
      if (record.status === 'posting') {
        await db.campaignStory.createMany({
          data: [{ campaignId, brandId, status: 'posting', updatedAt: at }],
          skipDuplicates: true,
        });
        return;
      }
      const event = CampaignEvent.parse({
        id: record.eventId,
        type: record.status === 'posted' ? 'CampaignStoryPosted' : 'CampaignStoryFailed',
        version: 1,
        occurredAt: record.at,
        subject: campaignId,
        payload:
          record.status === 'posted'
            ? {
                campaignId,
                brandId,
                mediaId: record.mediaId,
                permalink: record.permalink,
                postedAt: record.at,
                attempts: record.attempts,
              }
            : {
                campaignId,
                brandId,
                reason: record.reason,
                failedAt: record.at,
                attempts: record.attempts,
              },
      });
      const settled =
        record.status === 'posted'
          ? {
              status: 'posted' as const,
              mediaId: record.mediaId,
              permalink: record.permalink,
              postedAt: at,
              failureReason: null,
            }
          : { status: 'failed' as const, failureReason: record.reason };
      await db.$transaction(async (tx) => {
        await storeOutgoingEvents(tx, CAMPAIGN_EVENTS_TOPIC, [event]);
        await tx.campaignStory.upsert({
          where: { campaignId },
          create: { campaignId, brandId, attempts: record.attempts, updatedAt: at, ...settled },
          update: { attempts: record.attempts, updatedAt: at, ...settled },
        });
      });
    },

    find(campaignId: string): Promise<CampaignStory | null> {
      return db.campaignStory.findUnique({ where: { campaignId } });
    },

    /** A page of stories, newest change first, with their campaign's title; `limit + 1` rows. */
    list(query: StoryListQuery, after: PagePosition | null) {
      return db.campaignStory.findMany({
        where: {
          ...(query.status ? { status: query.status } : {}),
          ...(after
            ? {
                OR: [
                  { updatedAt: { lt: after.at } },
                  { updatedAt: after.at, campaignId: { gt: after.id } },
                ],
              }
            : {}),
        },
        orderBy: [{ updatedAt: 'desc' }, { campaignId: 'asc' }],
        take: query.limit + 1,
      });
    },
  };
}

/** A stored story as the API shows it. */
export function toStoryView(row: CampaignStory): CampaignStoryView {
  return {
    campaignId: row.campaignId,
    status: row.status,
    mediaId: row.mediaId,
    permalink: row.permalink,
    postedAt: row.postedAt?.toISOString() ?? null,
    attempts: row.attempts,
    failureReason: row.failureReason,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A campaign whose story has not started yet: it waits for its moment. */
export function scheduledStory(campaignId: string): CampaignStoryView {
  return {
    campaignId,
    status: 'scheduled',
    mediaId: null,
    permalink: null,
    postedAt: null,
    attempts: 0,
    failureReason: null,
    updatedAt: null,
  };
}
