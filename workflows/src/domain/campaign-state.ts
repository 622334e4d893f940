import {
  CampaignWorkflowInput,
  type AgreementStatus,
  type ActionOutcome,
  type ApplicantStatus,
  type CampaignFact,
  type CampaignPhase,
  type Refusal,
} from '@campaign/contracts';
import type { z } from 'zod';
import type { RosterPage } from '../workflows/activities';

export type CampaignSettings = z.output<typeof CampaignWorkflowInput>;

export type Agreement = {
  status: AgreementStatus;
  sentAt: number;
  deadline: number;
  reminded: boolean;
};

/**
 * Everything the workflow knows about one campaign, as plain JSON; times are epoch milliseconds of
 * the workflow clock. Its people (`RosterKey`) can number 100,000, too many to pass from run to
 * run: a campaign with `rosterStored` hands only the rest to its next run, which reads the people
 * back from the read model (the recorded facts built it). Campaigns published before that carry
 * everything, as they always did.
 */
export type CampaignState = {
  settings: CampaignSettings;
  publishedAt: number;
  closesAt: number;
  phase: CampaignPhase;
  closedAt: number | null;
  collaborationStartedAt: number | null;
  applicants: Record<string, ApplicantStatus>;
  invited: Record<string, true>;
  agreements: Record<string, Agreement>;
  group: string[];
  milestones: { story: boolean; newsletter: boolean; selectionReminder: boolean };
  recentRefusals: { action: string; at: number; refusal: Refusal }[];
  /**
   * The latest answers to batched actions sent with a request id, oldest first and bounded: a
   * retry of a request whose first attempt was answered gets that answer again.
   */
  answered: { requestId: string; outcome: ActionOutcome }[];
  /**
   * The people stay in the store between runs, and the start of the collaboration is recorded in
   * parts (`CollaborationStarted` v2 and the events naming the people); absent in older states.
   */
  rosterStored?: boolean;
};

type RosterKey = 'applicants' | 'invited' | 'agreements' | 'group';
/** What one run hands to the next when the people stay in the store. */
export type CarriedCampaign = Omit<CampaignState, RosterKey> & { rosterStored: true };

const rosterKeys: readonly RosterKey[] = ['applicants', 'invited', 'agreements', 'group'];

export function withoutRoster(state: CampaignState & { rosterStored: true }): CarriedCampaign {
  const carried: Partial<CampaignState> = { ...state };
  for (const key of rosterKeys) delete carried[key];
  return carried as CarriedCampaign;
}

/** A carried campaign with nobody in it yet; `restoreRoster` fills it from the store's pages. */
export function withEmptyRoster(carried: CarriedCampaign): CampaignState {
  return { ...carried, applicants: {}, invited: {}, agreements: {}, group: [] };
}

export function restoreRoster(state: CampaignState, page: RosterPage): void {
  for (const [id, status] of page.applicants) state.applicants[id] = status;
  for (const id of page.invited) state.invited[id] = true;
  for (const [id, status, sentAt, deadline, reminded] of page.agreements) {
    state.agreements[id] = { status, sentAt, deadline, reminded };
  }
  state.group.push(...page.group);
}

export function initialState(
  input: CampaignWorkflowInput,
  publishedAt: number,
  rosterStored: boolean,
): CampaignState {
  const settings = CampaignWorkflowInput.parse(input);
  return {
    settings,
    publishedAt,
    closesAt: publishedAt + settings.schedule.closeAfterSeconds * 1000,
    phase: 'open',
    closedAt: null,
    collaborationStartedAt: null,
    applicants: {},
    invited: {},
    agreements: {},
    group: [],
    milestones: { story: false, newsletter: false, selectionReminder: false },
    recentRefusals: [],
    answered: [],
    ...(rosterStored ? { rosterStored } : {}),
  };
}

/** Applies a recorded fact to the state. The only place state changes. */
export function evolve(state: CampaignState, fact: CampaignFact): void {
  switch (fact.type) {
    case 'CampaignPublished':
      return;
    case 'CampaignStoryDue':
      state.milestones.story = true;
      return;
    case 'CampaignNewsletterDue':
      state.milestones.newsletter = true;
      return;
    case 'SelectionReminderDue':
      state.milestones.selectionReminder = true;
      return;
    case 'ApplicationReceived':
      state.applicants[fact.payload.influencerId] = 'pending';
      return;
    case 'ApplicantsMoved':
      for (const id of fact.payload.influencerIds) state.applicants[id] = fact.payload.to;
      return;
    case 'InfluencerInvited':
      state.invited[fact.payload.influencerId] = true;
      return;
    case 'AgreementSent':
      state.agreements[fact.payload.influencerId] = {
        status: 'pending',
        sentAt: Date.parse(fact.payload.sentAt),
        deadline: Date.parse(fact.payload.deadline),
        reminded: false,
      };
      return;
    case 'AgreementReminderDue':
      agreementOf(state, fact.payload.influencerId).reminded = true;
      return;
    case 'AgreementSigned':
      agreementOf(state, fact.payload.influencerId).status = 'accepted';
      return;
    case 'AgreementDeclined':
      agreementOf(state, fact.payload.influencerId).status = 'declined';
      return;
    case 'AgreementExpired':
      agreementOf(state, fact.payload.influencerId).status = 'expired';
      return;
    case 'CampaignClosed':
      state.phase = 'closed';
      state.closedAt = Date.parse(fact.payload.closedAt);
      // A closed campaign is no longer advertised.
      state.milestones.story = true;
      state.milestones.newsletter = true;
      return;
    case 'CollaborationStarted':
      state.phase = 'collaborating';
      state.collaborationStartedAt = Date.parse(fact.payload.startedAt);
      if (fact.version === 2) return;
      state.group = fact.payload.group;
      for (const id of fact.payload.lapsedAgreements) agreementOf(state, id).status = 'lapsed';
      return;
    case 'CollaboratorsJoined':
      state.group.push(...fact.payload.influencerIds);
      return;
    case 'AgreementsLapsed':
      for (const id of fact.payload.influencerIds) agreementOf(state, id).status = 'lapsed';
      return;
    case 'InfluencersPassedOver':
      // Told by the notifications service; nothing about them changes here.
      return;
  }
}

function agreementOf(state: CampaignState, influencerId: string): Agreement {
  const agreement = state.agreements[influencerId];
  if (!agreement) throw new Error(`no agreement for ${influencerId}`);
  return agreement;
}

/** The campaign's identity, as every event payload carries it. */
export function about(state: CampaignState) {
  return { campaignId: state.settings.campaignId, brandId: state.settings.brandId };
}

export const iso = (ms: number) => new Date(ms).toISOString();
