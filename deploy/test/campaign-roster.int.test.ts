import { randomUUID } from 'node:crypto';
import { createPrismaClient } from '@campaign/campaign-service';
import { createCampaignFacts, createCampaignRosterStore } from '@campaign/campaign-service/facts';
import { CampaignEvent, CampaignSchedule, type CampaignFact } from '@campaign/contracts';
import { testEnvironment } from '@campaign/testing';
import {
  campaignRules,
  evolve,
  initialState,
  restoreRoster,
  type CampaignState,
  type Decision,
  type RosterCursor,
} from '@campaign/workflows';

const T0 = Date.parse('2026-11-23T09:00:00.000Z');
const HOUR = 60 * 60 * 1000;
const profile = { followers: 20_000, niches: ['beauty'], country: 'NL' };

// A new run of a campaign's workflow knows its people only from what the recorded facts left in
// the read model. Whatever the facts were, the roster read back must be the state the workflow had.
describe('the roster a new run reads back (real PostgreSQL)', () => {
  const db = createPrismaClient(testEnvironment().databaseUrls.campaign);
  const facts = createCampaignFacts(db);
  const roster = createCampaignRosterStore(db);

  afterAll(() => db.$disconnect());

  it('is the state the facts built, page by page, none over 256 KB', async () => {
    const campaignId = randomUUID();
    await db.campaign.create({
      data: {
        id: campaignId,
        brandId: 'brand-1',
        createdBy: 'user-1',
        title: 'Roster',
        brief: 'b',
        qualifications: {},
        storyImageUrls: [],
        schedule: {},
      },
    });
    const state = initialState(
      {
        campaignId,
        brandId: 'brand-1',
        title: 'Roster',
        publishedBy: 'user-1',
        schedule: CampaignSchedule.parse({}),
      },
      T0,
      true,
    );
    const recorded: CampaignFact[] = [];
    const act = (decision: Decision) => {
      if ('refusal' in decision) throw new Error(decision.refusal.message);
      for (const fact of decision.facts) evolve(state, fact);
      recorded.push(...decision.facts);
    };
    // Ids of the longest kind, so 5,000 applicants take several pages.
    const ids = Array.from({ length: 5_000 }, (_, i) => `creator-${String(i).padStart(92, '0')}`);
    for (const influencerId of ids) act(campaignRules.apply(state, { influencerId, profile }, T0));
    for (const influencerId of ['guest-1', 'guest-2']) {
      act(campaignRules.invite(state, { influencerId, invitedBy: 'user-1' }, T0));
    }
    act(campaignRules.select(state, { influencerIds: ids.slice(0, 1_500) }, T0 + HOUR));
    act(campaignRules.declineApplicant(state, { influencerIds: ids.slice(1_500, 2_000) }, T0));
    act(campaignRules.sendAgreement(state, { influencerIds: ids.slice(0, 1_500) }, T0 + HOUR));
    for (const influencerId of ids.slice(0, 1_000)) {
      act(campaignRules.sign(state, { influencerId }, T0 + 2 * HOUR));
    }
    act(campaignRules.declineAgreement(state, { influencerId: ids[1_000]! }, T0 + 2 * HOUR));
    // The reminders of the agreements still open (a day before their deadline)...
    const reminders = ids.slice(1_001, 1_500).map((influencerId): CampaignFact => ({
      type: 'AgreementReminderDue',
      payload: {
        campaignId,
        brandId: 'brand-1',
        title: 'Roster',
        influencerId,
        deadline: new Date(state.agreements[influencerId]!.deadline).toISOString(),
        dueAt: new Date(T0 + 2 * 24 * HOUR + HOUR).toISOString(),
      },
    }));
    for (const fact of reminders) evolve(state, fact);
    recorded.push(...reminders);
    act(campaignRules.closeEarly(state, { closedBy: 'ops', reason: 'enough' }, T0 + 3 * HOUR));
    act(campaignRules.startCollaboration(state, { startedBy: 'user-1' }, T0 + 3 * HOUR));

    for (let at = 0; at < recorded.length; at += 500) {
      await facts.record(
        recorded.slice(at, at + 500).map(({ type, version, payload }) =>
          CampaignEvent.parse({
            id: randomUUID(),
            type,
            version: version ?? 1,
            occurredAt: new Date(T0).toISOString(),
            subject: campaignId,
            payload,
          }),
        ),
      );
    }

    const restored: CampaignState = {
      ...state,
      applicants: {},
      invited: {},
      agreements: {},
      group: [],
    };
    const pageSizes: number[] = [];
    for (let from: RosterCursor | null = { part: 'applicants', after: null }; from !== null;) {
      const page = await roster.page(campaignId, from);
      pageSizes.push(Buffer.byteLength(JSON.stringify(page)));
      restoreRoster(restored, page);
      from = page.next;
    }

    expect(pageSizes.length).toBeGreaterThan(3);
    expect(Math.max(...pageSizes)).toBeLessThanOrEqual(256 * 1024 + 1024);
    expect(restored.applicants).toEqual(state.applicants);
    expect(restored.invited).toEqual(state.invited);
    expect(restored.agreements).toEqual(state.agreements);
    expect([...restored.group].sort()).toEqual([...state.group].sort());
    expect(
      Object.values(restored.agreements).filter((agreement) => agreement.reminded),
    ).toHaveLength(499);
  });
});
