import { z } from 'zod';
import { Count } from '../bounds';
import { Qualifications } from '../campaign';
import { ApplicantStatus } from '../workflow/campaign-workflow';
import { eventEnvelope } from './envelope';

export const CAMPAIGN_EVENTS_TOPIC = 'campaign.lifecycle.v1';

const instant = z.iso.datetime();
const campaign = { campaignId: z.uuid(), brandId: z.string() };

/** Every fact of a campaign's lifecycle, as the campaign workflow records it. */
export const CampaignPublished = eventEnvelope(
  'CampaignPublished',
  1,
  z.object({
    ...campaign,
    title: z.string(),
    publishedBy: z.string(),
    publishedAt: instant,
    closesAt: instant,
  }),
);
export const CampaignStoryDue = eventEnvelope(
  'CampaignStoryDue',
  1,
  z.object({ ...campaign, title: z.string(), imageUrls: z.array(z.string()), dueAt: instant }),
);
/** The platform's account posted the campaign's story on the social network. */
export const CampaignStoryPosted = eventEnvelope(
  'CampaignStoryPosted',
  1,
  z.object({
    ...campaign,
    mediaId: z.string(),
    permalink: z.string().nullable(),
    postedAt: instant,
    attempts: Count,
  }),
);
/** The campaign's story was given up: a permanent error of the network, or retries ran out. */
export const CampaignStoryFailed = eventEnvelope(
  'CampaignStoryFailed',
  1,
  z.object({ ...campaign, reason: z.string(), failedAt: instant, attempts: Count }),
);
export const CampaignNewsletterDue = eventEnvelope(
  'CampaignNewsletterDue',
  1,
  z.object({
    ...campaign,
    title: z.string(),
    day: z.iso.date(),
    dueAt: instant,
    /**
     * Who the digest lists the campaign for, and until when it takes applications. Absent from
     * events recorded before the newsletter was built: such a campaign is listed to everyone.
     */
    qualifications: Qualifications.optional(),
    closesAt: instant.optional(),
  }),
);
export const SelectionReminderDue = eventEnvelope(
  'SelectionReminderDue',
  1,
  z.object({ ...campaign, title: z.string(), brandUserId: z.string(), dueAt: instant }),
);
export const ApplicationReceived = eventEnvelope(
  'ApplicationReceived',
  1,
  z.object({
    ...campaign,
    influencerId: z.string(),
    at: instant,
    source: z.enum(['applied', 'manual']),
    /** For a manual add by ops: who, and why (the audit record). */
    addedBy: z.string().optional(),
    reason: z.string().optional(),
  }),
);
/** Pre-selection: stored for the brand's board, never told to the influencers. */
export const ApplicantsMoved = eventEnvelope(
  'ApplicantsMoved',
  1,
  z.object({ ...campaign, influencerIds: z.array(z.string()), to: ApplicantStatus, at: instant }),
);
export const InfluencerInvited = eventEnvelope(
  'InfluencerInvited',
  1,
  z.object({
    ...campaign,
    /** Added within version 1: events recorded before it carry no title. */
    title: z.string().optional(),
    influencerId: z.string(),
    invitedBy: z.string(),
    at: instant,
    message: z.string().optional(),
  }),
);
export const AgreementSent = eventEnvelope(
  'AgreementSent',
  1,
  z.object({
    ...campaign,
    title: z.string(),
    influencerId: z.string(),
    sentAt: instant,
    deadline: instant,
  }),
);
export const AgreementReminderDue = eventEnvelope(
  'AgreementReminderDue',
  1,
  z.object({
    ...campaign,
    title: z.string(),
    influencerId: z.string(),
    deadline: instant,
    dueAt: instant,
  }),
);
const agreementOutcome = z.object({
  ...campaign,
  title: z.string(),
  influencerId: z.string(),
  at: instant,
});
export const AgreementSigned = eventEnvelope('AgreementSigned', 1, agreementOutcome);
export const AgreementDeclined = eventEnvelope('AgreementDeclined', 1, agreementOutcome);
export const AgreementExpired = eventEnvelope('AgreementExpired', 1, agreementOutcome);
export const CampaignClosed = eventEnvelope(
  'CampaignClosed',
  1,
  z.object({
    ...campaign,
    closedAt: instant,
    reason: z.enum(['schedule', 'ops']),
    closedBy: z.string().optional(),
    note: z.string().optional(),
  }),
);
/**
 * Version 1, recorded by campaigns whose workflow started before huge campaigns: the whole group
 * and everyone else in one event. It grows with the campaign (100,000 applicants make a 4 MB
 * event), so version 2 says only that the collaboration started, and the people follow in parts.
 */
export const CollaborationStartedV1 = eventEnvelope(
  'CollaborationStarted',
  1,
  z.object({
    ...campaign,
    title: z.string(),
    startedAt: instant,
    startedBy: z.string(),
    /** Selected with an accepted agreement: they get the congratulations. */
    group: z.array(z.string()),
    /** Everyone else who applied or was considered: they get the bummer. */
    others: z.array(z.string()),
    /** Agreements still pending at the start; they lapse. */
    lapsedAgreements: z.array(z.string()),
  }),
);
/** The collaboration started; `CollaboratorsJoined`, `InfluencersPassedOver` and `AgreementsLapsed` follow. */
export const CollaborationStartedV2 = eventEnvelope(
  'CollaborationStarted',
  2,
  z.object({
    ...campaign,
    title: z.string(),
    startedAt: instant,
    startedBy: z.string(),
    groupSize: Count,
    passedOver: Count,
    lapsed: Count,
  }),
);
export const CollaborationStarted = z.discriminatedUnion('version', [
  CollaborationStartedV1,
  CollaborationStartedV2,
]);

/** Influencers named by one event of a part: bounded, so an event stays small at any scale. */
export const INFLUENCERS_PER_PART = 1_000;
const part = {
  ...campaign,
  title: z.string(),
  influencerIds: z.array(z.string()).min(1).max(INFLUENCERS_PER_PART),
};
/** Part of the group of a started collaboration: they get the congratulations. */
export const CollaboratorsJoined = eventEnvelope(
  'CollaboratorsJoined',
  1,
  z.object({ ...part, startedAt: instant }),
);
/** Part of everyone who applied or was invited and is not in the group: they get the bummer. */
export const InfluencersPassedOver = eventEnvelope(
  'InfluencersPassedOver',
  1,
  z.object({ ...part, at: instant }),
);
/** Part of the agreements still pending when the collaboration started: they lapse. */
export const AgreementsLapsed = eventEnvelope(
  'AgreementsLapsed',
  1,
  z.object({ ...part, at: instant }),
);

export const CampaignEvent = z.discriminatedUnion('type', [
  CampaignPublished,
  CampaignStoryDue,
  CampaignStoryPosted,
  CampaignStoryFailed,
  CampaignNewsletterDue,
  SelectionReminderDue,
  ApplicationReceived,
  ApplicantsMoved,
  InfluencerInvited,
  AgreementSent,
  AgreementReminderDue,
  AgreementSigned,
  AgreementDeclined,
  AgreementExpired,
  CampaignClosed,
  CollaborationStarted,
  CollaboratorsJoined,
  InfluencersPassedOver,
  AgreementsLapsed,
]);
export type CampaignEvent = z.infer<typeof CampaignEvent>;
export type CampaignEventType = CampaignEvent['type'];
export type CampaignPublished = z.infer<typeof CampaignPublished>;
export type CampaignClosed = z.infer<typeof CampaignClosed>;

/**
 * A fact as the workflow states it; the recording activity wraps it in the event envelope. A fact
 * of an event's first version may leave the version out (facts recorded in older histories do).
 */
export type CampaignFact = CampaignEvent extends infer Event
  ? Event extends { type: infer Type; version: infer Version; payload: infer Payload }
    ? { type: Type; payload: Payload } & (Version extends 1
        ? { version?: 1 }
        : { version: Version })
    : never
  : never;
