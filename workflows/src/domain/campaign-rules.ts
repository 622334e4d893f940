import {
  INFLUENCERS_PER_PART,
  type CampaignActionArgs,
  type CampaignActionName,
  type CampaignFact,
  type InfluencerQualities,
  type Qualifications,
  type Refusal,
} from '@campaign/contracts';
import { about, iso, type CampaignState } from './campaign-state';

/** What an action leads to: the facts to record, or a refusal that names the rule. */
export type Decision = { facts: CampaignFact[] } | { refusal: Refusal };

const refuse = (code: Refusal['code'], message: string): Decision => ({
  refusal: { code, message },
});
const accept = (...facts: CampaignFact[]): Decision => ({ facts });

type Rule<Name extends CampaignActionName> = (
  state: CampaignState,
  args: CampaignActionArgs<Name>,
  now: number,
) => Decision;

/**
 * The product's rules, one per action. Pure: they read the state and the clock they are given
 * and change nothing, so the same decision runs in an update's validator and in its handler.
 */
export const campaignRules: { [Name in CampaignActionName]: Rule<Name> } = {
  apply(state, { influencerId, profile }, now) {
    if (!isOpen(state, now)) return closedForApplications(state);
    if (state.applicants[influencerId]) {
      return refuse('already_applied', 'You have already applied to this campaign.');
    }
    const unmet = unmetQualifications(state.settings.qualifications, profile);
    if (unmet.length > 0) {
      return refuse(
        'not_qualified',
        `You do not meet this campaign's qualifications: ${unmet.join('; ')}.`,
      );
    }
    return accept({
      type: 'ApplicationReceived',
      payload: { ...about(state), influencerId, at: iso(now), source: 'applied' },
    });
  },

  addManually(state, { influencerId, addedBy, reason }, now) {
    if (state.phase === 'collaborating') return collaborationStarted(state);
    if (state.applicants[influencerId]) {
      return refuse('already_applied', `${influencerId} is already an applicant of this campaign.`);
    }
    return accept({
      type: 'ApplicationReceived',
      payload: { ...about(state), influencerId, at: iso(now), source: 'manual', addedBy, reason },
    });
  },

  select: (state, { influencerIds }, now) => move(state, influencerIds, 'selected', now),
  declineApplicant: (state, { influencerIds }, now) => move(state, influencerIds, 'declined', now),
  moveToPending: (state, { influencerIds }, now) => move(state, influencerIds, 'pending', now),

  invite(state, { influencerId, invitedBy, message }, now) {
    if (!isOpen(state, now)) return closedForApplications(state);
    if (state.applicants[influencerId]) {
      return refuse('already_applied', `${influencerId} has already applied to this campaign.`);
    }
    if (state.invited[influencerId]) return accept();
    return accept({
      type: 'InfluencerInvited',
      payload: {
        ...about(state),
        title: state.settings.title,
        influencerId,
        invitedBy,
        at: iso(now),
        message,
      },
    });
  },

  sendAgreement(state, { influencerIds }, now) {
    if (state.phase === 'collaborating') return collaborationStarted(state);
    const ids = unique(influencerIds);
    const notSelected = ids.filter((id) => state.applicants[id] !== 'selected');
    if (notSelected.length > 0) {
      return refuse(
        'not_selected',
        `Agreements go only to selected influencers; not selected: ${list(notSelected)}.`,
      );
    }
    const barred = ids.filter((id) => state.agreements[id]?.status === 'declined');
    if (barred.length > 0) return declinedForGood(barred);
    const open = ids.filter((id) => {
      const agreement = state.agreements[id];
      return (
        agreement?.status === 'accepted' ||
        (agreement?.status === 'pending' && now < agreement.deadline)
      );
    });
    if (open.length > 0) {
      return refuse(
        'agreement_exists',
        `An agreement is already pending or signed for: ${list(open)}.`,
      );
    }
    const deadline = now + state.settings.schedule.agreementWindowSeconds * 1000;
    return accept(
      ...ids.map((influencerId): CampaignFact => ({
        type: 'AgreementSent',
        payload: {
          ...about(state),
          title: state.settings.title,
          influencerId,
          sentAt: iso(now),
          deadline: iso(deadline),
        },
      })),
    );
  },

  sign(state, { influencerId }, now) {
    const agreement = state.agreements[influencerId];
    if (agreement?.status === 'accepted') return accept();
    if (state.phase === 'collaborating') return collaborationStarted(state);
    if (!agreement) return noAgreement();
    if (agreement.status === 'declined') return declinedForGood([influencerId]);
    if (agreement.status === 'expired' || now >= agreement.deadline) return expired(agreement);
    return accept({
      type: 'AgreementSigned',
      payload: { ...about(state), title: state.settings.title, influencerId, at: iso(now) },
    });
  },

  declineAgreement(state, { influencerId }, now) {
    const agreement = state.agreements[influencerId];
    if (agreement?.status === 'declined') return accept();
    if (state.phase === 'collaborating') return collaborationStarted(state);
    if (!agreement) return noAgreement();
    if (
      agreement.status === 'expired' ||
      (agreement.status === 'pending' && now >= agreement.deadline)
    ) {
      return expired(agreement);
    }
    // Pending (refused) or accepted (dropped out): either way they are out for good.
    return accept({
      type: 'AgreementDeclined',
      payload: { ...about(state), title: state.settings.title, influencerId, at: iso(now) },
    });
  },

  startCollaboration(state, { startedBy }, now) {
    if (state.phase === 'collaborating') {
      return refuse(
        'collaboration_started',
        `Start collaboration can be pressed once; it was pressed at ${iso(state.collaborationStartedAt!)}.`,
      );
    }
    if (state.phase === 'open' && now < state.closesAt) {
      return refuse(
        'campaign_open',
        `The campaign is open until ${iso(state.closesAt)}; start collaboration becomes available when it closes, or earlier if ops close it.`,
      );
    }
    const group = Object.keys(state.applicants).filter(
      (id) => state.applicants[id] === 'selected' && state.agreements[id]?.status === 'accepted',
    );
    if (group.length === 0) {
      return refuse(
        'empty_group',
        'No selected influencer has signed an agreement yet; the group would be empty.',
      );
    }
    const inGroup = new Set(group);
    const considered = unique([...Object.keys(state.applicants), ...Object.keys(state.invited)]);
    const others = considered.filter((id) => !inGroup.has(id));
    const lapsed = Object.keys(state.agreements).filter(
      (id) => state.agreements[id]!.status === 'pending',
    );
    const started = {
      ...about(state),
      title: state.settings.title,
      startedAt: iso(now),
      startedBy,
    };
    if (!state.rosterStored) {
      return accept({
        type: 'CollaborationStarted',
        payload: { ...started, group, others, lapsedAgreements: lapsed },
      });
    }
    // The people follow the start in parts of a bounded size, so no event and no recording grows
    // with the campaign: a group of 10,000 and 90,000 others are a hundred small events.
    const part = { ...about(state), title: state.settings.title };
    return accept(
      {
        type: 'CollaborationStarted',
        version: 2,
        payload: {
          ...started,
          groupSize: group.length,
          passedOver: others.length,
          lapsed: lapsed.length,
        },
      },
      ...inParts(group).map((influencerIds): CampaignFact => ({
        type: 'CollaboratorsJoined',
        payload: { ...part, influencerIds, startedAt: iso(now) },
      })),
      ...inParts(others).map((influencerIds): CampaignFact => ({
        type: 'InfluencersPassedOver',
        payload: { ...part, influencerIds, at: iso(now) },
      })),
      ...inParts(lapsed).map((influencerIds): CampaignFact => ({
        type: 'AgreementsLapsed',
        payload: { ...part, influencerIds, at: iso(now) },
      })),
    );
  },

  closeEarly(state, { closedBy, reason }, now) {
    if (state.phase !== 'open') {
      return refuse('campaign_closed', `The campaign is already closed (${iso(state.closedAt!)}).`);
    }
    return accept({
      type: 'CampaignClosed',
      payload: { ...about(state), closedAt: iso(now), reason: 'ops', closedBy, note: reason },
    });
  },
};

function move(
  state: CampaignState,
  influencerIds: string[],
  to: 'pending' | 'selected' | 'declined',
  now: number,
): Decision {
  if (state.phase === 'collaborating') return collaborationStarted(state);
  const ids = unique(influencerIds);
  const strangers = ids.filter((id) => !state.applicants[id]);
  if (strangers.length > 0) {
    return refuse('not_an_applicant', `Not an applicant of this campaign: ${list(strangers)}.`);
  }
  if (to === 'selected') {
    const barred = ids.filter((id) => state.agreements[id]?.status === 'declined');
    if (barred.length > 0) return declinedForGood(barred);
  }
  const moving = ids.filter((id) => state.applicants[id] !== to);
  if (moving.length === 0) return accept();
  // Pre-selection: recorded for the brand's board; no one is told.
  return accept({
    type: 'ApplicantsMoved',
    payload: { ...about(state), influencerIds: moving, to, at: iso(now) },
  });
}

/** Unset qualifications admit everyone; each unmet one is named with what it asks. */
export function unmetQualifications(
  qualifications: Qualifications,
  profile: InfluencerQualities,
): string[] {
  const unmet: string[] = [];
  const { minFollowers, niches, countries } = qualifications;
  if (minFollowers !== undefined && profile.followers < minFollowers) {
    unmet.push(`at least ${minFollowers} followers (you have ${profile.followers})`);
  }
  if (niches && niches.length > 0) {
    const wanted = new Set(niches.map((niche) => niche.toLowerCase()));
    if (!profile.niches.some((niche) => wanted.has(niche.toLowerCase()))) {
      unmet.push(`one of the niches ${niches.join(', ')}`);
    }
  }
  if (countries && countries.length > 0 && !countries.includes(profile.country)) {
    unmet.push(`an audience country among ${countries.join(', ')} (yours is ${profile.country})`);
  }
  return unmet;
}

function isOpen(state: CampaignState, now: number): boolean {
  return state.phase === 'open' && now < state.closesAt;
}

function closedForApplications(state: CampaignState): Decision {
  const closedAt = state.closedAt ?? state.closesAt;
  return refuse(
    'campaign_closed',
    `The campaign closed at ${iso(closedAt)} and takes no new applications.`,
  );
}

function collaborationStarted(state: CampaignState): Decision {
  return refuse(
    'collaboration_started',
    `The collaboration started at ${iso(state.collaborationStartedAt!)}; the group is final.`,
  );
}

function declinedForGood(ids: string[]): Decision {
  return refuse(
    'agreement_declined',
    `Declined the agreement, so can never be in the collaboration: ${list(ids)}.`,
  );
}

function noAgreement(): Decision {
  return refuse('no_pending_agreement', 'There is no agreement for this influencer to act on.');
}

function expired(agreement: { deadline: number }): Decision {
  return refuse('agreement_expired', `The agreement expired at ${iso(agreement.deadline)}.`);
}

function inParts(ids: string[]): string[][] {
  const parts: string[][] = [];
  for (let at = 0; at < ids.length; at += INFLUENCERS_PER_PART) {
    parts.push(ids.slice(at, at + INFLUENCERS_PER_PART));
  }
  return parts;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

function list(ids: string[]): string {
  return ids.length <= 10
    ? ids.join(', ')
    : `${ids.slice(0, 10).join(', ')} and ${ids.length - 10} more`;
}
