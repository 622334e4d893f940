import { performance } from 'node:perf_hooks';
import { startApplicantCrowd, type CrowdFigures } from './applicant-crowd';
import type { BenchRig } from './bench-rig';
import { publishCampaign, seedActors } from './campaign-actors';
import { waitForNotification } from './inbox-reader';
import { invite } from './lifecycle-actions';
import { summarise, type LatencySummary } from './percentiles';
import type { Scenario } from './scenario';

/** Clients applying to a hot campaign meanwhile, in the loaded phase (hot-campaign's 32 level). */
const CROWD_CLIENTS = 32;
/** Between two reads of the inbox: short, so the reader adds little to what it measures. */
const READ_INTERVAL_MS = 5;
/** A notification not readable by then counts as an error. */
const SAMPLE_TIMEOUT_MS = 15_000;
/** Invitations sent before measuring, so the first samples do not pay for cold caches. */
const WARM_UP = 5;

type Phase = {
  phase: 'idle' | 'under load';
  campaignId: string;
  samples: number;
  errors: number;
  errorKinds: Record<string, number>;
  /** The invitation's own answer, for context: the notification may be stored before it. */
  inviteMs: LatencySummary;
  /** From the invitation's HTTP answer to the read that first showed the notification. */
  latencyMs: LatencySummary;
  /** From the invitation's request to the read: the whole way, from the brand's click. */
  fromRequestMs: LatencySummary;
  /** From the answer to the notification row's createdAt: what the reading interval cannot delay. */
  storedMs: LatencySummary;
  readsPerSample: number;
  /** The applicant crowd beside the samples, in the loaded phase. */
  crowd: CrowdFigures | null;
};

/**
 * Event to inbox: the brand invites an influencer over HTTP, and the bench reads that influencer's
 * inbox over the notifications API until the invitation shows. The path: campaign API → workflow
 * update → activity (read model and outbox in one transaction) → relay → Kafka → notifications
 * consumer → inbox table → inbox API. Once idle, once beside an applicant crowd on another campaign.
 */
export const eventToInbox: Scenario = {
  name: 'event-to-inbox',
  async run(rig, settings, log) {
    const { samples, applicants } = settings;
    log('Starting the notifications service');
    await rig.notifications();
    // Invitees: WARM_UP, then `samples` for each phase; everyone of the first `applicants` also
    // applies in the crowd, to campaigns of its own, so being invited elsewhere changes nothing.
    const invitees = WARM_UP + 2 * samples;
    log(`Seeding a brand and ${Math.max(invitees, applicants)} influencer profiles`);
    const actors = await seedActors(rig.campaign, Math.max(invitees, applicants));
    const people = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        id: actors.influencerIds[from + i]!,
        auth: actors.influencers[from + i]!,
      }));

    log('Warming up (not measured)');
    await measure(rig, actors.brand, people(0, WARM_UP), 'idle');

    log(`${samples} invitations, one at a time, nothing else running`);
    const idle = await measure(rig, actors.brand, people(WARM_UP, samples), 'idle');
    log(`  ${headers.join(' | ')}\n    ${row(idle).join(' | ')}`);

    log(`${samples} invitations beside ${CROWD_CLIENTS} clients applying to another campaign`);
    const crowd = startApplicantCrowd(
      rig,
      actors.brand,
      actors.influencers.slice(0, applicants),
      CROWD_CLIENTS,
    );
    await crowd.started;
    const loaded = await measure(
      rig,
      actors.brand,
      people(WARM_UP + samples, samples),
      'under load',
    ).catch(async (error: unknown) => {
      await crowd.stop();
      throw error;
    });
    log('  Waiting for the crowd to finish its round');
    loaded.crowd = await crowd.stop();
    log(`  ${headers.join(' | ')}\n    ${row(loaded).join(' | ')}`);

    const phases = [idle, loaded];
    return {
      scenario: 'event-to-inbox',
      about:
        `an invitation's HTTP answer to its notification readable in the influencer's inbox ` +
        `(read every ${READ_INTERVAL_MS} ms), idle and beside ${CROWD_CLIENTS} applying clients`,
      table: { headers, rows: phases.map(row) },
      results: { readIntervalMs: READ_INTERVAL_MS, phases },
    };
  },
};

const headers = [
  'phase',
  'samples',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'max ms',
  'errors',
  'stored p99 ms',
  'reads/sample',
  'invite p99 ms',
  'crowd actions/s',
  'crowd p99 ms',
];

const row = ({
  phase,
  samples,
  latencyMs,
  errors,
  storedMs,
  readsPerSample,
  inviteMs,
  crowd,
}: Phase) => [
  phase,
  String(samples),
  latencyMs.p50.toFixed(1),
  latencyMs.p95.toFixed(1),
  latencyMs.p99.toFixed(1),
  latencyMs.max.toFixed(1),
  String(errors),
  storedMs.p99.toFixed(0),
  readsPerSample.toFixed(1),
  inviteMs.p99.toFixed(1),
  crowd ? crowd.perSecond.toFixed(1) : '-',
  crowd ? crowd.worstP99Ms.toFixed(1) : '-',
];

/**
 * One invitation at a time, each to someone with nothing in their inbox, on a campaign of the
 * phase's own: the next is sent once the last one's notification was read.
 */
async function measure(
  rig: BenchRig,
  brandAuth: string,
  invitees: { id: string; auth: string }[],
  phase: Phase['phase'],
): Promise<Phase> {
  const notifications = await rig.notifications();
  const campaignId = await publishCampaign(rig.campaign, brandAuth);
  const invites: number[] = [];
  const fromRequest: number[] = [];
  const latencies: number[] = [];
  const stored: number[] = [];
  const errorKinds: Record<string, number> = {};
  let reads = 0;
  for (const invitee of invitees) {
    try {
      const sentAt = performance.now();
      await invite(rig.campaign, campaignId, brandAuth, invitee.id);
      const answeredAt = performance.now();
      const answeredAtEpoch = Date.now();
      invites.push(answeredAt - sentAt);
      const arrival = await waitForNotification(
        notifications,
        invitee.auth,
        { kind: 'invitation', campaignId },
        { intervalMs: READ_INTERVAL_MS, timeoutMs: SAMPLE_TIMEOUT_MS },
      );
      latencies.push(arrival.readAt - answeredAt);
      fromRequest.push(arrival.readAt - sentAt);
      stored.push(arrival.storedAt - answeredAtEpoch);
      reads += arrival.reads;
    } catch (error) {
      const kind = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
    }
  }
  return {
    phase,
    campaignId,
    samples: invitees.length,
    errors: invitees.length - latencies.length,
    errorKinds,
    inviteMs: summarise(invites),
    latencyMs: summarise(latencies),
    fromRequestMs: summarise(fromRequest),
    storedMs: summarise(stored),
    readsPerSample: reads / Math.max(1, latencies.length),
    crowd: null,
  };
}
