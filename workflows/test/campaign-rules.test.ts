import { CampaignSchedule } from '@campaign/contracts';
import type { CampaignFact } from '@campaign/contracts';
import { dueFacts, nextTimeOfDay } from '../src/domain/campaign-clock';
import { campaignRules, type Decision } from '../src/domain/campaign-rules';
import { evolve, initialState, type CampaignState } from '../src/domain/campaign-state';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.parse('2026-11-23T09:00:00.000Z');
const qualified = { followers: 20_000, niches: ['beauty'], country: 'NL' };

/** A campaign as published today (`rosterStored`), or as one published before huge campaigns. */
function campaign(rosterStored = true): CampaignState {
  return initialState(
    {
      campaignId: '5d1c3f4e-8a4b-4c1e-9f0a-1b2c3d4e5f60',
      brandId: 'brand-1',
      title: 'Summer glow',
      publishedBy: 'brand-user-1',
      qualifications: {
        minFollowers: 10_000,
        niches: ['beauty', 'skincare'],
        countries: ['NL', 'BE'],
      },
      storyImageUrls: ['https://img.example/story.jpg'],
      schedule: CampaignSchedule.parse({}),
    },
    T0,
    rosterStored,
  );
}

/** Runs a decision and applies its facts, as the workflow does. */
function act(state: CampaignState, decision: Decision): CampaignFact[] {
  if ('refusal' in decision) throw new Error(`refused: ${decision.refusal.message}`);
  for (const fact of decision.facts) evolve(state, fact);
  return decision.facts;
}

function refusal(decision: Decision) {
  if (!('refusal' in decision)) throw new Error('expected a refusal');
  return decision.refusal;
}

function withApplicants(ids: string[], now = T0 + DAY, state = campaign()) {
  for (const influencerId of ids) {
    act(state, campaignRules.apply(state, { influencerId, profile: qualified }, now));
  }
  return state;
}

describe('applying', () => {
  it('takes a qualified influencer as pending', () => {
    const state = campaign();
    const facts = act(
      state,
      campaignRules.apply(state, { influencerId: 'ann', profile: qualified }, T0 + 1000),
    );
    expect(facts).toEqual([
      expect.objectContaining({
        type: 'ApplicationReceived',
        payload: expect.objectContaining({ influencerId: 'ann', source: 'applied' }),
      }),
    ]);
    expect(state.applicants).toEqual({ ann: 'pending' });
  });

  it('refuses an unqualified influencer, naming every unmet rule', () => {
    const state = campaign();
    const result = refusal(
      campaignRules.apply(
        state,
        { influencerId: 'bob', profile: { followers: 900, niches: ['gaming'], country: 'DE' } },
        T0,
      ),
    );
    expect(result.code).toBe('not_qualified');
    expect(result.message).toContain('at least 10000 followers (you have 900)');
    expect(result.message).toContain('one of the niches beauty, skincare');
    expect(result.message).toContain('among NL, BE (yours is DE)');
    expect(state.applicants).toEqual({});
  });

  it('refuses a second application and any application once the campaign has closed', () => {
    const state = withApplicants(['ann']);
    expect(
      refusal(campaignRules.apply(state, { influencerId: 'ann', profile: qualified }, T0 + DAY))
        .code,
    ).toBe('already_applied');
    expect(
      refusal(campaignRules.apply(state, { influencerId: 'cat', profile: qualified }, T0 + 6 * DAY))
        .code,
    ).toBe('campaign_closed');
  });

  it('lets ops add an unqualified influencer, recording who and why, even after the close', () => {
    const state = withApplicants([]);
    act(
      state,
      campaignRules.closeEarly(
        state,
        { closedBy: 'ops-layla', reason: 'brand asked' },
        T0 + 2 * DAY,
      ),
    );
    const [fact] = act(
      state,
      campaignRules.addManually(
        state,
        { influencerId: 'dan', addedBy: 'ops-layla', reason: 'niche fits, profile outdated' },
        T0 + 2 * DAY,
      ),
    );
    expect(fact!.payload).toMatchObject({
      source: 'manual',
      addedBy: 'ops-layla',
      reason: 'niche fits, profile outdated',
    });
    expect(state.applicants.dan).toBe('pending');
  });
});

describe('pre-selection', () => {
  it('moves applicants freely between pending, selected and declined', () => {
    const state = withApplicants(['ann', 'bob']);
    act(state, campaignRules.select(state, { influencerIds: ['ann', 'bob'] }, T0 + 2 * DAY));
    act(state, campaignRules.declineApplicant(state, { influencerIds: ['bob'] }, T0 + 2 * DAY));
    act(state, campaignRules.moveToPending(state, { influencerIds: ['bob'] }, T0 + 2 * DAY));
    expect(state.applicants).toEqual({ ann: 'selected', bob: 'pending' });
  });

  it('records nothing when nothing moves, and refuses a stranger', () => {
    const state = withApplicants(['ann']);
    act(state, campaignRules.select(state, { influencerIds: ['ann'] }, T0));
    expect(campaignRules.select(state, { influencerIds: ['ann'] }, T0)).toEqual({ facts: [] });
    expect(refusal(campaignRules.select(state, { influencerIds: ['zed'] }, T0)).code).toBe(
      'not_an_applicant',
    );
  });
});

describe('agreements', () => {
  function selected(ids: string[]) {
    const state = withApplicants(ids);
    act(state, campaignRules.select(state, { influencerIds: ids }, T0 + 2 * DAY));
    return state;
  }

  it('go only to selected influencers', () => {
    const state = withApplicants(['ann']);
    expect(
      refusal(campaignRules.sendAgreement(state, { influencerIds: ['ann'] }, T0 + 4 * DAY)).code,
    ).toBe('not_selected');
  });

  it('give the influencer exactly 3 days to sign', () => {
    const state = selected(['ann']);
    const sentAt = T0 + 4 * DAY;
    const [fact] = act(
      state,
      campaignRules.sendAgreement(state, { influencerIds: ['ann'] }, sentAt),
    );
    expect(fact).toMatchObject({ type: 'AgreementSent' });
    expect(Date.parse((fact!.payload as { deadline: string }).deadline) - sentAt).toBe(3 * DAY);
    expect(refusal(campaignRules.sign(state, { influencerId: 'ann' }, sentAt + 3 * DAY)).code).toBe(
      'agreement_expired',
    );
    act(state, campaignRules.sign(state, { influencerId: 'ann' }, sentAt + 3 * DAY - 1));
    expect(state.agreements.ann!.status).toBe('accepted');
  });

  it('remind one day before the deadline and expire at it', () => {
    const state = selected(['ann']);
    const sentAt = T0 + 4 * DAY;
    act(state, campaignRules.sendAgreement(state, { influencerIds: ['ann'] }, sentAt));
    expect(dueFacts(state, sentAt + 2 * DAY - 1).map((f) => f.type)).not.toContain(
      'AgreementReminderDue',
    );
    const reminder = dueFacts(state, sentAt + 2 * DAY).filter(
      (f) => f.type === 'AgreementReminderDue',
    );
    expect(reminder).toHaveLength(1);
    for (const fact of reminder) evolve(state, fact);
    const expiry = dueFacts(state, sentAt + 3 * DAY).filter((f) => f.type === 'AgreementExpired');
    expect(expiry).toHaveLength(1);
    expect(expiry[0]!.payload).toMatchObject({
      influencerId: 'ann',
      at: new Date(sentAt + 3 * DAY).toISOString(),
    });
  });

  it('bar an influencer who declined, for good; another may be selected and sent one instead', () => {
    const state = selected(['ann', 'bob']);
    act(state, campaignRules.sendAgreement(state, { influencerIds: ['ann'] }, T0 + 4 * DAY));
    act(state, campaignRules.declineAgreement(state, { influencerId: 'ann' }, T0 + 5 * DAY));
    expect(
      refusal(campaignRules.sendAgreement(state, { influencerIds: ['ann'] }, T0 + 5 * DAY)).code,
    ).toBe('agreement_declined');
    expect(refusal(campaignRules.sign(state, { influencerId: 'ann' }, T0 + 5 * DAY)).code).toBe(
      'agreement_declined',
    );
    act(state, campaignRules.declineApplicant(state, { influencerIds: ['ann'] }, T0 + 5 * DAY));
    expect(
      refusal(campaignRules.select(state, { influencerIds: ['ann'] }, T0 + 5 * DAY)).code,
    ).toBe('agreement_declined');
    act(state, campaignRules.sendAgreement(state, { influencerIds: ['bob'] }, T0 + 5 * DAY));
    expect(state.agreements.bob!.status).toBe('pending');
  });

  it('are not sent twice while one is pending or signed, but may be resent after expiry', () => {
    const state = selected(['ann']);
    act(state, campaignRules.sendAgreement(state, { influencerIds: ['ann'] }, T0 + DAY));
    expect(
      refusal(campaignRules.sendAgreement(state, { influencerIds: ['ann'] }, T0 + DAY)).code,
    ).toBe('agreement_exists');
    for (const fact of dueFacts(state, T0 + 4 * DAY)) evolve(state, fact);
    expect(state.agreements.ann!.status).toBe('expired');
    act(state, campaignRules.sendAgreement(state, { influencerIds: ['ann'] }, T0 + 4 * DAY));
    expect(state.agreements.ann!.status).toBe('pending');
  });
});

describe('starting the collaboration', () => {
  function readyToStart(published = campaign()) {
    const state = withApplicants(['ann', 'bob', 'cat', 'dan'], T0 + DAY, published);
    act(
      state,
      campaignRules.invite(state, { influencerId: 'eve', invitedBy: 'brand-user-1' }, T0 + 3 * DAY),
    );
    act(state, campaignRules.select(state, { influencerIds: ['ann', 'bob', 'cat'] }, T0 + 3 * DAY));
    act(
      state,
      campaignRules.sendAgreement(state, { influencerIds: ['ann', 'bob', 'cat'] }, T0 + 4 * DAY),
    );
    act(state, campaignRules.sign(state, { influencerId: 'ann' }, T0 + 5 * DAY));
    act(state, campaignRules.declineAgreement(state, { influencerId: 'bob' }, T0 + 5 * DAY));
    return state;
  }

  it('is refused while the campaign is open', () => {
    const state = readyToStart();
    const result = refusal(
      campaignRules.startCollaboration(state, { startedBy: 'brand-user-1' }, T0 + 5 * DAY),
    );
    expect(result.code).toBe('campaign_open');
  });

  it('forms the group of selected influencers with a signed agreement; everyone else gets the bummer; pending agreements lapse', () => {
    const state = readyToStart();
    for (const fact of dueFacts(state, T0 + 6 * DAY)) evolve(state, fact);
    expect(state.phase).toBe('closed');
    const facts = act(
      state,
      campaignRules.startCollaboration(state, { startedBy: 'brand-user-1' }, T0 + 6 * DAY + 1),
    );
    expect(facts.map((fact) => [fact.type, fact.version ?? 1])).toEqual([
      ['CollaborationStarted', 2],
      ['CollaboratorsJoined', 1],
      ['InfluencersPassedOver', 1],
      ['AgreementsLapsed', 1],
    ]);
    expect(facts[0]!.payload).toMatchObject({ groupSize: 1, passedOver: 4, lapsed: 1 });
    expect(facts.slice(1).map((fact) => fact.payload)).toMatchObject([
      { influencerIds: ['ann'] },
      { influencerIds: ['bob', 'cat', 'dan', 'eve'] },
      { influencerIds: ['cat'] },
    ]);
    expect(state.agreements.cat!.status).toBe('lapsed');
    expect(state.group).toEqual(['ann']);
    expect(state.phase).toBe('collaborating');
  });

  it('names the people of a huge campaign in parts of at most 1,000', () => {
    const state = campaign();
    const crowd = Array.from({ length: 2_500 }, (_, i) => `creator-${i}`);
    for (const influencerId of crowd) {
      act(state, campaignRules.apply(state, { influencerId, profile: qualified }, T0 + DAY));
    }
    act(state, campaignRules.select(state, { influencerIds: crowd.slice(0, 1_200) }, T0 + DAY));
    act(
      state,
      campaignRules.sendAgreement(state, { influencerIds: crowd.slice(0, 1_200) }, T0 + DAY),
    );
    for (const influencerId of crowd.slice(0, 1_001)) {
      act(state, campaignRules.sign(state, { influencerId }, T0 + 2 * DAY));
    }
    act(
      state,
      campaignRules.closeEarly(state, { closedBy: 'ops', reason: 'enough' }, T0 + 2 * DAY),
    );
    const facts = act(
      state,
      campaignRules.startCollaboration(state, { startedBy: 'brand-user-1' }, T0 + 2 * DAY),
    );
    const sizes = (type: string) =>
      facts
        .filter((fact) => fact.type === type)
        .map((fact) => (fact.payload as { influencerIds: string[] }).influencerIds.length);
    expect(sizes('CollaboratorsJoined')).toEqual([1_000, 1]);
    expect(sizes('InfluencersPassedOver')).toEqual([1_000, 499]);
    expect(sizes('AgreementsLapsed')).toEqual([199]);
    expect(state.group).toHaveLength(1_001);
  });

  it('names everyone in one event for a campaign published before huge campaigns', () => {
    const state = readyToStart(campaign(false));
    for (const fact of dueFacts(state, T0 + 6 * DAY)) evolve(state, fact);
    const facts = act(
      state,
      campaignRules.startCollaboration(state, { startedBy: 'brand-user-1' }, T0 + 6 * DAY + 1),
    );
    expect(facts).toHaveLength(1);
    expect(facts[0]!.version).toBeUndefined();
    expect(facts[0]!.payload).toMatchObject({
      group: ['ann'],
      others: ['bob', 'cat', 'dan', 'eve'],
      lapsedAgreements: ['cat'],
    });
    expect(state.agreements.cat!.status).toBe('lapsed');
    expect(state.group).toEqual(['ann']);
  });

  it('can be pressed once; afterwards the group is final', () => {
    const state = readyToStart();
    act(
      state,
      campaignRules.closeEarly(
        state,
        { closedBy: 'ops-layla', reason: 'brand asked' },
        T0 + 5 * DAY,
      ),
    );
    act(
      state,
      campaignRules.startCollaboration(state, { startedBy: 'brand-user-1' }, T0 + 5 * DAY),
    );
    expect(
      refusal(campaignRules.startCollaboration(state, { startedBy: 'brand-user-1' }, T0 + 5 * DAY))
        .code,
    ).toBe('collaboration_started');
    expect(
      refusal(campaignRules.select(state, { influencerIds: ['dan'] }, T0 + 5 * DAY)).code,
    ).toBe('collaboration_started');
    expect(
      refusal(campaignRules.sendAgreement(state, { influencerIds: ['cat'] }, T0 + 5 * DAY)).code,
    ).toBe('collaboration_started');
    expect(refusal(campaignRules.sign(state, { influencerId: 'cat' }, T0 + 5 * DAY)).code).toBe(
      'collaboration_started',
    );
  });

  it('is refused with an empty group', () => {
    const state = withApplicants(['ann']);
    act(
      state,
      campaignRules.closeEarly(state, { closedBy: 'ops-layla', reason: 'brand asked' }, T0 + DAY),
    );
    expect(
      refusal(campaignRules.startCollaboration(state, { startedBy: 'brand-user-1' }, T0 + DAY))
        .code,
    ).toBe('empty_group');
  });
});

describe('the clock', () => {
  it('finds the end-of-day newsletter moment on the day of publishing, or the next day after it', () => {
    expect(new Date(nextTimeOfDay(Date.parse('2026-11-23T09:00:00Z'), '18:00')).toISOString()).toBe(
      '2026-11-23T18:00:00.000Z',
    );
    expect(new Date(nextTimeOfDay(Date.parse('2026-11-23T19:30:00Z'), '18:00')).toISOString()).toBe(
      '2026-11-24T18:00:00.000Z',
    );
  });

  it('states the week’s moments in order: story, newsletter, selection reminder, close', () => {
    const state = campaign();
    const facts = dueFacts(state, T0 + 6 * DAY);
    expect(facts.map((fact) => fact.type)).toEqual([
      'CampaignStoryDue',
      'CampaignNewsletterDue',
      'SelectionReminderDue',
      'CampaignClosed',
    ]);
    expect(facts[0]!.payload).toMatchObject({
      imageUrls: ['https://img.example/story.jpg'],
      dueAt: '2026-11-23T09:05:00.000Z',
    });
    // The newsletter lists the campaign to those who qualify, until it closes.
    expect(facts[1]!.payload).toMatchObject({
      day: '2026-11-23',
      dueAt: '2026-11-23T18:00:00.000Z',
      qualifications: state.settings.qualifications,
      closesAt: new Date(T0 + 6 * DAY).toISOString(),
    });
    expect(facts[3]!.payload).toMatchObject({
      closedAt: new Date(T0 + 6 * DAY).toISOString(),
      reason: 'schedule',
    });
  });
});
