import { CAMPAIGN_EVENTS_TOPIC, type CampaignEvent } from '@campaign/contracts';
import { storeOutgoingEvents } from './campaign-event-outbox';
import type { CampaignDb } from './prisma-client';
import { applyToReadModel } from './read-model';

export type CampaignFacts = ReturnType<typeof createCampaignFacts>;

/**
 * Records the campaign workflow's facts: the read model's rows and the events they cause, in one
 * transaction. The events leave for Kafka only later, through the relay, so they never announce
 * state that was not committed, and a Kafka outage does not hold up the recording.
 */
export function createCampaignFacts(db: CampaignDb) {
  return {
    async record(events: CampaignEvent[]): Promise<void> {
      if (events.length === 0) return;
      await db.$transaction(async (tx) => {
        // First: it takes the campaign's recording lock, which orders whole recordings.
        await storeOutgoingEvents(tx, CAMPAIGN_EVENTS_TOPIC, events);
        await applyToReadModel(tx, events);
      });
    },
  };
}
