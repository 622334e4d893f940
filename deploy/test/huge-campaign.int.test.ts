import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { campaignWorkflowId, type CampaignEvent } from '@campaign/contracts';
import { eventually, testEnvironment } from '@campaign/testing';
import { measureWorkflowHistory } from '../src/workflow-history';
import {
  bearer,
  createBrand,
  createCampaign,
  startCampaignSystem,
  type CampaignSystem,
} from './system/campaign-system';

const APPLICANTS = 1_200;
const LATE_APPLICANTS = 200;
const INVITED = 30;
const SELECTED = 400;
const DECLINED = 100;
const SIGNING = 300;
/** Small runs, so this campaign lives through many of them, as a 100,000 one does at 5,000. */
const EVENTS_PER_RUN = 200;

// A campaign's people live in the read model between runs of its workflow: each run reads them
// back, none carries them. The week of a campaign that went through many runs must come out as if
// it had one: every rule still knows who applied, each reminder goes once, and the start of the
// collaboration names everyone in parts of at most 1,000. (`pnpm bench` runs 100,000 applicants.)
describe('a campaign through many runs of its workflow (real PostgreSQL, Temporal and Kafka)', () => {
  let system: CampaignSystem;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    system = await startCampaignSystem('huge-campaign-test', {
      taskQueue: 'huge-campaign-test',
      historyEventsPerRun: EVENTS_PER_RUN,
    });
    server = system.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await system?.stop();
  });

  const call = async (method: string, path: string, auth: string, body?: object) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: auth, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  /** Sends with a bounded number of requests at once, as a crowd of clients would. */
  const inCrowd = async <T>(items: T[], send: (item: T) => Promise<unknown>) => {
    let next = 0;
    const client = async () => {
      while (next < items.length) await send(items[next++]!);
    };
    await Promise.all(Array.from({ length: 32 }, client));
  };

  it('keeps who applied, reminds once and names everyone at the start, in parts', async () => {
    const brand = await createBrand(system, 'enterprise');
    const campaignId = await createCampaign(system, brand.auth, {
      schedule: { agreementWindowSeconds: 150, agreementReminderBeforeSeconds: 138 },
    });
    const people = await seedInfluencers(
      system,
      campaignId,
      APPLICANTS + LATE_APPLICANTS + INVITED,
    );
    const applicants = people.slice(0, APPLICANTS);
    const late = people.slice(APPLICANTS, APPLICANTS + LATE_APPLICANTS);
    const invited = people.slice(APPLICANTS + LATE_APPLICANTS);
    const selected = applicants.slice(0, SELECTED);
    const signing = selected.slice(0, SIGNING);
    const unsigned = selected.slice(SIGNING);
    const ids = (of: typeof people) => of.map((person) => person.id);
    const ok = (answer: { status: number; body: object }) => {
      if (answer.status >= 300) expect(answer).toEqual({ status: 'a success' });
    };

    await inCrowd(applicants, async (person) =>
      ok(await call('POST', `/campaigns/${campaignId}/applications`, person.auth)),
    );
    await inCrowd(invited, async (person) =>
      ok(
        await call('POST', `/campaigns/${campaignId}/invitations`, brand.auth, {
          influencerId: person.id,
        }),
      ),
    );
    ok(
      await call('POST', `/campaigns/${campaignId}/selection`, brand.auth, {
        influencerIds: ids(selected),
        status: 'selected',
      }),
    );
    ok(
      await call('POST', `/campaigns/${campaignId}/selection`, brand.auth, {
        influencerIds: ids(applicants.slice(SELECTED, SELECTED + DECLINED)),
        status: 'declined',
      }),
    );
    ok(
      await call('POST', `/campaigns/${campaignId}/agreements`, brand.auth, {
        influencerIds: ids(selected),
      }),
    );
    await inCrowd(signing, async (person) =>
      ok(await call('POST', `/campaigns/${campaignId}/agreement/sign`, person.auth)),
    );
    // The reminders come 12 s after the agreements: each unsigned one is reminded...
    const outbox = async () =>
      (
        await system.db.campaignEventOutbox.findMany({
          where: { subject: campaignId },
          orderBy: { position: 'asc' },
        })
      ).map((row) => row.envelope as unknown as CampaignEvent);
    await eventually(
      async () => {
        const reminded = (await outbox()).filter((event) => event.type === 'AgreementReminderDue');
        expect(reminded.map((event) => event.payload.influencerId)).toEqual(
          expect.arrayContaining(ids(unsigned)),
        );
      },
      { timeoutMs: 60_000 },
    );
    // ... and, after more runs read the roster back, never again.
    await inCrowd(late, async (person) =>
      ok(await call('POST', `/campaigns/${campaignId}/applications`, person.auth)),
    );
    const again = await call('POST', `/campaigns/${campaignId}/applications`, applicants[0]!.auth);
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/already applied/);
    const stranger = await call('POST', `/campaigns/${campaignId}/selection`, brand.auth, {
      influencerIds: ['never-applied'],
      status: 'selected',
    });
    expect(stranger.status).toBe(422);
    expect(stranger.body.detail).toMatch(/Not an applicant of this campaign: never-applied/);

    const ops = await bearer({ role: 'ops', userId: 'ops-huge' });
    ok(await call('POST', `/campaigns/${campaignId}/close`, ops, { reason: 'test done' }));
    ok(await call('POST', `/campaigns/${campaignId}/collaboration`, brand.auth));

    const events = await eventually(async () => {
      const all = await outbox();
      expect(all.some((event) => event.type === 'AgreementsLapsed')).toBe(true);
      return all;
    });
    const named = (type: CampaignEvent['type']) =>
      events.flatMap((event) =>
        event.type === type ? (event.payload as { influencerIds: string[] }).influencerIds : [],
      );
    const started = events.filter((event) => event.type === 'CollaborationStarted');
    expect(started.map((event) => [event.version, event.payload])).toEqual([
      [
        2,
        expect.objectContaining({
          groupSize: SIGNING,
          passedOver: APPLICANTS + LATE_APPLICANTS + INVITED - SIGNING,
          lapsed: SELECTED - SIGNING,
        }),
      ],
    ]);
    expect(named('CollaboratorsJoined').sort()).toEqual(ids(signing).sort());
    expect(named('InfluencersPassedOver').sort()).toEqual(
      ids(people.filter((person) => !signing.includes(person))).sort(),
    );
    expect(named('AgreementsLapsed').sort()).toEqual(ids(unsigned).sort());
    const reminders = events
      .filter((event) => event.type === 'AgreementReminderDue')
      .map((event) => event.payload.influencerId);
    expect(new Set(reminders).size).toBe(reminders.length);
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
    for (const event of events) {
      expect(Buffer.byteLength(JSON.stringify(event))).toBeLessThan(64 * 1024);
    }
    expect(await system.db.collaborator.count({ where: { campaignId } })).toBe(SIGNING);
    expect(await system.db.agreement.count({ where: { campaignId, status: 'lapsed' } })).toBe(
      SELECTED - SIGNING,
    );

    // Many runs, each bounded, none passing a large payload.
    const history = await measureWorkflowHistory(
      testEnvironment().temporalAddress,
      campaignWorkflowId(campaignId),
    );
    console.log(
      `${APPLICANTS + LATE_APPLICANTS} applicants: ${history.runs.length} runs, events per run ${history.runs
        .map((run) => run.events)
        .join(', ')}; largest payload ${history.largestPayload?.bytes} bytes`,
    );
    expect(history.runs.length).toBeGreaterThanOrEqual(4);
    expect(history.maxEventsPerRun).toBeLessThanOrEqual(EVENTS_PER_RUN + 100);
    expect(history.largestPayload!.bytes).toBeLessThan(512 * 1024);
    expect(history.workflowTaskFailures).toBe(0);
  });
});

/** Influencers of the Network, stored in a few inserts, each with the token they act with. */
async function seedInfluencers(system: CampaignSystem, tag: string, count: number) {
  const ids = Array.from(
    { length: count },
    (_, i) => `huge-${tag.slice(0, 8)}-${String(i).padStart(5, '0')}`,
  );
  await system.db.influencerProfile.createMany({
    data: ids.map((id) => ({
      id,
      handle: `@${id}`,
      displayName: `Creator ${id.slice(-5)}`,
      niches: ['beauty'],
      country: 'NL',
      followers: 10_000,
      engagementRate: 3.5,
      shippingAddress: { street: 'Keizersgracht 1', city: 'Amsterdam', country: 'NL' },
    })),
  });
  return Promise.all(
    ids.map(async (id) => ({ id, auth: await bearer({ role: 'influencer', userId: id }) })),
  );
}
