import type { CampaignFact } from '@campaign/contracts';
import { about, iso, type CampaignState } from './campaign-state';

type Moment = { at: number; fact: () => CampaignFact };

/**
 * Every timed moment still ahead of the campaign, derived from its state alone: nothing to
 * cancel or re-arm when the state changes, and a continued-as-new run finds the same moments.
 */
export function moments(state: CampaignState): Moment[] {
  const { schedule, title, publishedBy, storyImageUrls } = state.settings;
  const campaign = about(state);
  const result: Moment[] = [];

  if (!state.milestones.story) {
    const at = state.publishedAt + schedule.storyDelaySeconds * 1000;
    result.push({
      at,
      fact: () => ({
        type: 'CampaignStoryDue',
        payload: { ...campaign, title, imageUrls: storyImageUrls, dueAt: iso(at) },
      }),
    });
  }
  if (!state.milestones.newsletter) {
    const at = nextTimeOfDay(state.publishedAt, schedule.newsletterTimeUtc);
    result.push({
      at,
      fact: () => ({
        type: 'CampaignNewsletterDue',
        payload: {
          ...campaign,
          title,
          day: iso(at).slice(0, 10),
          dueAt: iso(at),
          qualifications: state.settings.qualifications,
          closesAt: iso(state.closesAt),
        },
      }),
    });
  }
  if (!state.milestones.selectionReminder && state.phase !== 'collaborating') {
    const at = state.publishedAt + schedule.selectionReminderAfterSeconds * 1000;
    result.push({
      at,
      fact: () => ({
        type: 'SelectionReminderDue',
        payload: { ...campaign, title, brandUserId: publishedBy, dueAt: iso(at) },
      }),
    });
  }
  if (state.phase === 'open') {
    const at = state.closesAt;
    result.push({
      at,
      fact: () => ({
        type: 'CampaignClosed',
        payload: { ...campaign, closedAt: iso(at), reason: 'schedule' },
      }),
    });
  }
  if (state.phase !== 'collaborating') {
    const reminderBefore = schedule.agreementReminderBeforeSeconds * 1000;
    for (const influencerId of Object.keys(state.agreements)) {
      const agreement = state.agreements[influencerId]!;
      if (agreement.status !== 'pending') continue;
      // Facts are built only for moments that have come: a campaign may hold thousands of these.
      const remindAt = agreement.deadline - reminderBefore;
      if (!agreement.reminded && reminderBefore > 0 && remindAt > agreement.sentAt) {
        result.push({
          at: remindAt,
          fact: () => ({
            type: 'AgreementReminderDue',
            payload: {
              ...campaign,
              title,
              influencerId,
              deadline: iso(agreement.deadline),
              dueAt: iso(remindAt),
            },
          }),
        });
      }
      result.push({
        at: agreement.deadline,
        fact: () => ({
          type: 'AgreementExpired',
          payload: { ...campaign, title, influencerId, at: iso(agreement.deadline) },
        }),
      });
    }
  }
  return result;
}

/** The moments that have come by `now`, earliest first. */
export function dueFacts(state: CampaignState, now: number): CampaignFact[] {
  return moments(state)
    .filter((moment) => moment.at <= now)
    .sort((a, b) => a.at - b.at)
    .map((moment) => moment.fact());
}

/** When the workflow next has something to do on its own; undefined when nothing is ahead. */
export function nextMoment(state: CampaignState): number | undefined {
  let next: number | undefined;
  for (const moment of moments(state)) if (next === undefined || moment.at < next) next = moment.at;
  return next;
}

/**
 * The earliest moment a fact brings with it, if any. Only a sent agreement adds moments (its
 * reminder and its expiry); every other fact can only take moments away. This lets the workflow
 * keep a cheap lower bound of its next moment instead of rescanning thousands of agreements.
 */
export function momentAddedBy(state: CampaignState, fact: CampaignFact): number | undefined {
  if (fact.type !== 'AgreementSent') return undefined;
  const deadline = Date.parse(fact.payload.deadline);
  const remindAt = deadline - state.settings.schedule.agreementReminderBeforeSeconds * 1000;
  return remindAt > Date.parse(fact.payload.sentAt) ? Math.min(remindAt, deadline) : deadline;
}

/** The first instant at or after `from` whose UTC time of day is `hhmm`. */
export function nextTimeOfDay(from: number, hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number) as [number, number];
  const day = new Date(from);
  const candidate = Date.UTC(
    day.getUTCFullYear(),
    day.getUTCMonth(),
    day.getUTCDate(),
    hours,
    minutes,
  );
  return candidate >= from ? candidate : candidate + 24 * 60 * 60 * 1000;
}
