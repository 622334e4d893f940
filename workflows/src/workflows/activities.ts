import type { CampaignFact } from '@campaign/contracts';

/** A fact with the identity the workflow gave it: the event id consumers dedupe on. */
export type RecordedFact = { eventId: string; occurredAt: string; fact: CampaignFact };

/**
 * The activities the campaign workflow schedules, as it sees them. The campaign service's worker
 * implements them (`services/campaign/src/worker/campaign-activities.ts`): the workflow names what
 * it needs, the service that owns the store does it.
 */
export type CampaignActivities = {
  /** Records facts in order, idempotently: a retried batch stores nothing twice. */
  recordCampaignFacts(batch: RecordedFact[]): Promise<void>;
};
