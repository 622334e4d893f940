import { CampaignEvent } from '@campaign/contracts';
import type { CampaignActivities, RecordedFact } from '@campaign/workflows';
import type { CampaignFacts } from '../db/campaign-facts';

/**
 * Records facts in order: the campaign service's read model and the events they cause, in one
 * transaction (the relay sends the events to Kafka afterwards). Recording is idempotent (the read
 * model converges on the same rows, an event id is stored once), so Temporal may retry a recording
 * whose completion was lost without anyone seeing a duplicate.
 */
export function createCampaignActivities(deps: {
  facts: CampaignFacts;
  /** Tells the relay of this process that events are owed, so they leave before its next poll. */
  onRecorded?: () => void;
}): CampaignActivities {
  const { facts, onRecorded } = deps;
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
      await facts.record(envelopes);
      onRecorded?.();
    },
  };
}

export type { CampaignActivities };
