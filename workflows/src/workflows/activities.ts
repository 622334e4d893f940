import type { AgreementStatus, ApplicantStatus, CampaignFact } from '@campaign/contracts';

/** A fact with the identity the workflow gave it: the event id consumers dedupe on. */
export type RecordedFact = { eventId: string; occurredAt: string; fact: CampaignFact };

/** The people of a campaign, part by part, as the recorded facts left them. */
export type RosterPart = 'applicants' | 'invited' | 'agreements' | 'group';
export const rosterParts: readonly RosterPart[] = ['applicants', 'invited', 'agreements', 'group'];

/** Where a page of the roster starts: after this influencer id of this part (null: its start). */
export type RosterCursor = { part: RosterPart; after: string | null };

/**
 * One page of a campaign's roster, in influencer-id order within each part; a page may end one
 * part and begin the next. Times are epoch milliseconds. Pages are small (a few hundred KB), so
 * no payload grows with the campaign.
 */
export type RosterPage = {
  applicants: [influencerId: string, status: ApplicantStatus][];
  invited: string[];
  agreements: [
    influencerId: string,
    status: AgreementStatus,
    sentAt: number,
    deadline: number,
    reminded: boolean,
  ][];
  group: string[];
  /** Where the next page starts; null once the roster is read to its end. */
  next: RosterCursor | null;
};

/**
 * The activities the campaign workflow schedules, as it sees them. The campaign service's worker
 * implements them (`services/campaign/src/worker/campaign-activities.ts`): the workflow names what
 * it needs, the service that owns the store does it.
 */
export type CampaignActivities = {
  /** Records facts in order, idempotently: a retried batch stores nothing twice. */
  recordCampaignFacts(batch: RecordedFact[]): Promise<void>;
  /**
   * Reads back a page of the roster the recorded facts built: how a new run of a campaign's
   * workflow regains its people, which are too many to pass from run to run.
   */
  loadCampaignRoster(campaignId: string, from: RosterCursor): Promise<RosterPage>;
};
