import { CAMPAIGN_EVENTS_TOPIC, CampaignEvent } from '@campaign/contracts';
import type { CampaignActivities, RecordedFact } from '@campaign/workflows';
import type { CampaignReadModel } from '../db/read-model';

/** Where events go once the state that caused them is stored. */
export type EventSink = {
  publish: (topic: string, events: CampaignEvent[]) => Promise<void>;
};

/**
 * Records facts in order: first the campaign service's read model (one transaction), then the
 * events on Kafka. Both steps are idempotent (the read model converges on the same rows, events
 * keep the ids the workflow chose), so Temporal may retry a recording that died between the two
 * without anyone seeing a duplicate.
 */
export function createCampaignActivities(deps: {
  readModel: CampaignReadModel;
  events: EventSink;
}): CampaignActivities {
  const { readModel, events } = deps;
  return {
    async recordCampaignFacts(batch: RecordedFact[]): Promise<void> {
      // Validate first: a fact that breaks its contract is stored nowhere.
      const envelopes = batch.map(({ eventId, occurredAt, fact }) =>
        CampaignEvent.parse({
          id: eventId,
          type: fact.type,
          version: 1,
          occurredAt,
          subject: fact.payload.campaignId,
          payload: fact.payload,
        }),
      );
      await readModel.apply(envelopes);
      await events.publish(CAMPAIGN_EVENTS_TOPIC, envelopes);
    },
  };
}

export type { CampaignActivities };
