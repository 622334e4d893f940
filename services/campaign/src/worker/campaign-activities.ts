import { CampaignEvent } from '@campaign/contracts';
import type { CampaignActivities, RecordedFact, RosterCursor } from '@campaign/workflows';
import type { CampaignFacts } from '../db/campaign-facts';
import type { CampaignRosterStore } from '../db/campaign-roster-store';

/**
 * Records facts in order: the campaign service's read model and the events they cause, in one
 * transaction (the relay sends the events to Kafka afterwards). Recording is idempotent (the read
 * model converges on the same rows, an event id is stored once), so Temporal may retry a recording
 * whose completion was lost without anyone seeing a duplicate. Reads a campaign's roster back for a
 * new run of its workflow, a page at a time.
 */
export function createCampaignActivities(deps: {
  facts: CampaignFacts;
  roster: CampaignRosterStore;
  /** Tells the relay of this process that events are owed, so they leave before its next poll. */
  onRecorded?: () => void;
}): CampaignActivities {
  const { facts, roster, onRecorded } = deps;
  return {
    async recordCampaignFacts(batch: RecordedFact[]): Promise<void> {
      // Validate first: a fact that breaks its contract is stored nowhere.
      const envelopes = batch.map(({ eventId, occurredAt, fact }) =>
        CampaignEvent.parse({
          id: eventId,
          type: fact.type,
          version: fact.version ?? 1,
          occurredAt,
          subject: fact.payload.campaignId,
          payload: fact.payload,
        }),
      );
      await facts.record(envelopes);
      onRecorded?.();
    },

    loadCampaignRoster(campaignId: string, from: RosterCursor) {
      return roster.page(campaignId, from);
    },
  };
}

export type { CampaignActivities };
