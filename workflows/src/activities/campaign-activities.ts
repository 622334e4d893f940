import {
  CAMPAIGN_EVENTS_TOPIC,
  CampaignClosed,
  CampaignPublished,
  type CampaignEvent,
} from '@campaign/contracts';
import type { CampaignReadModel } from '@campaign/campaign-service/read-model';

/** Where events go once the state that caused them is stored. */
export type EventSink = {
  publish: (topic: string, events: CampaignEvent[]) => Promise<void>;
};

export type RecordPublishedInput = CampaignPublished['payload'] & { eventId: string };
export type RecordClosedInput = CampaignClosed['payload'] & { eventId: string };

/**
 * Each activity stores the fact first and then announces it. Both steps are idempotent (the store
 * converges on the same row, the event keeps the id the workflow chose), so Temporal may retry an
 * activity that died between the two without anyone seeing a duplicate.
 */
export function createCampaignActivities(deps: {
  readModel: CampaignReadModel;
  events: EventSink;
}) {
  const { readModel, events } = deps;
  return {
    async recordPublished({ eventId, ...payload }: RecordPublishedInput): Promise<void> {
      await readModel.markPublished(payload.campaignId, {
        publishedAt: new Date(payload.publishedAt),
        closesAt: new Date(payload.closesAt),
      });
      const event = CampaignPublished.parse({
        id: eventId,
        type: 'CampaignPublished',
        version: 1,
        occurredAt: payload.publishedAt,
        subject: payload.campaignId,
        payload,
      });
      await events.publish(CAMPAIGN_EVENTS_TOPIC, [event]);
    },

    async recordClosed({ eventId, ...payload }: RecordClosedInput): Promise<void> {
      await readModel.markClosed(payload.campaignId, { closedAt: new Date(payload.closedAt) });
      const event = CampaignClosed.parse({
        id: eventId,
        type: 'CampaignClosed',
        version: 1,
        occurredAt: payload.closedAt,
        subject: payload.campaignId,
        payload,
      });
      await events.publish(CAMPAIGN_EVENTS_TOPIC, [event]);
    },
  };
}

export type CampaignActivities = ReturnType<typeof createCampaignActivities>;
