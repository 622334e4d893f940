import { startApplicantCrowd, type CrowdFigures } from './applicant-crowd';
import type { BenchRig } from './bench-rig';
import { bearers, publishCampaign, seedActors, storeInfluencers } from './campaign-actors';
import { invite } from './lifecycle-actions';
import { epochNow } from './clock';
import { summarise, type LatencySummary } from './percentiles';
import type { BenchSettings } from './scenario';

/** Clients applying to a hot campaign meanwhile, in the loaded phase (hot-campaign's 32 level). */
export const CROWD_CLIENTS = 32;
/** Invitations sent before measuring, so the first samples do not pay for cold caches. */
const WARM_UP = 5;

export type Invitee = { id: string; auth: string };

/** When an invitation reached the invitee (epoch ms), and figures of the way, by name. */
export type Arrival = { at: number; figures?: Record<string, number> };

/**
 * How a scenario learns that an invitation reached the invitee: `watch` runs before the
 * invitation is sent (e.g. opens their live inbox) and answers a wait for the arrival, called
 * once the invitation was answered (`answeredAt`, epoch ms).
 */
export type ArrivalWatch = (
  invitee: Invitee,
  campaignId: string,
) => Promise<{ arrival: (answeredAt: number) => Promise<Arrival>; close: () => void }>;

export type FigureSummary = LatencySummary & { mean: number };

export type InvitationPhase = {
  phase: 'idle' | 'under load';
  campaignId: string;
  samples: number;
  errors: number;
  errorKinds: Record<string, number>;
  /** The invitation's own answer, for context: the arrival may come before it. */
  inviteMs: LatencySummary;
  /** From the invitation's HTTP answer to the arrival (negative: it arrived first). */
  latencyMs: LatencySummary;
  /** From the invitation's request to the arrival: the whole way, from the brand's click. */
  fromRequestMs: LatencySummary;
  /** The scenario's own figures of each arrival (`Arrival.figures`), summarised by name. */
  figures: Record<string, FigureSummary>;
  /** The applicant crowd beside the samples, in the loaded phase. */
  crowd: CrowdFigures | null;
};

/**
 * The event-to-X scenarios' run (inbox, mail, live): the brand invites influencers over HTTP, one at a time, each to
 * a campaign of the phase's own, and `watch` times each invitation's arrival. A few warm-up
 * invitations first, then `samples` with nothing else running, then `samples` beside an
 * applicant crowd of CROWD_CLIENTS on other campaigns. The invitees are influencers of the
 * scenario's own (`prefix`), so each has heard of nothing else; `beforePhase` runs before each
 * measured phase (e.g. to empty the mailbox).
 */
export async function runInvitationPhases(
  rig: BenchRig,
  settings: BenchSettings,
  log: (line: string) => void,
  scenario: {
    prefix: string;
    watch: ArrivalWatch;
    /** Runs once the invitees exist, before anything is sent (e.g. puts their addresses on file). */
    prepare?: (inviteeIds: string[]) => Promise<void>;
    beforePhase?: () => Promise<void>;
    timeoutMs: number;
    report: (phase: InvitationPhase) => string;
  },
): Promise<InvitationPhase[]> {
  const { samples, applicants } = settings;
  log(`Seeding a brand, ${applicants} applicants and ${WARM_UP + 2 * samples} invitees`);
  const actors = await seedActors(rig.campaign, applicants);
  const ids = await storeInfluencers(rig.campaign, scenario.prefix, WARM_UP + 2 * samples);
  const tokens = await bearers(rig.campaign, ids);
  await scenario.prepare?.(ids);
  const invitees = ids.map((id, i) => ({ id, auth: tokens[i]! }));
  const measure = (from: number, count: number, phase: InvitationPhase['phase']) =>
    measurePhase(rig, actors.brand, invitees.slice(from, from + count), phase, scenario);

  log('Warming up (not measured)');
  await measure(0, WARM_UP, 'idle');

  await scenario.beforePhase?.();
  log(`${samples} invitations, one at a time, nothing else running`);
  const idle = await measure(WARM_UP, samples, 'idle');
  log(`  ${scenario.report(idle)}`);

  await scenario.beforePhase?.();
  log(`${samples} invitations beside ${CROWD_CLIENTS} clients applying to another campaign`);
  const crowd = startApplicantCrowd(rig, actors.brand, actors.influencers, CROWD_CLIENTS);
  await crowd.started;
  const loaded = await measure(WARM_UP + samples, samples, 'under load').catch(
    async (error: unknown) => {
      await crowd.stop();
      throw error;
    },
  );
  log('  Waiting for the crowd to finish its round');
  loaded.crowd = await crowd.stop();
  log(`  ${scenario.report(loaded)}`);
  return [idle, loaded];
}

async function measurePhase(
  rig: BenchRig,
  brandAuth: string,
  invitees: Invitee[],
  phase: InvitationPhase['phase'],
  scenario: { watch: ArrivalWatch; timeoutMs: number },
): Promise<InvitationPhase> {
  const campaignId = await publishCampaign(rig.campaign, brandAuth);
  const invites: number[] = [];
  const latencies: number[] = [];
  const fromRequest: number[] = [];
  const figures: Record<string, number[]> = {};
  const errorKinds: Record<string, number> = {};
  for (const invitee of invitees) {
    let watching: Awaited<ReturnType<ArrivalWatch>> | undefined;
    try {
      watching = await scenario.watch(invitee, campaignId);
      const sentAt = epochNow();
      await invite(rig.campaign, campaignId, brandAuth, invitee.id);
      const answeredAt = epochNow();
      const arrived = await withTimeout(watching.arrival(answeredAt), scenario.timeoutMs);
      invites.push(answeredAt - sentAt);
      latencies.push(arrived.at - answeredAt);
      fromRequest.push(arrived.at - sentAt);
      for (const [name, value] of Object.entries(arrived.figures ?? {})) {
        (figures[name] ??= []).push(value);
      }
    } catch (error) {
      const kind = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
    } finally {
      watching?.close();
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
    figures: Object.fromEntries(
      Object.entries(figures).map(([name, values]) => [
        name,
        { ...summarise(values), mean: values.reduce((sum, v) => sum + v, 0) / values.length },
      ]),
    ),
    crowd: null,
  };
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`not arrived within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** The table the event-to-X scenarios print, a row per phase; each may add columns of its own. */
export const invitationHeaders = [
  'phase',
  'samples',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'max ms',
  'errors',
  'from request p99',
  'invite p99 ms',
  'crowd actions/s',
  'crowd p99 ms',
];

export const invitationRow = ({
  phase,
  samples,
  latencyMs,
  errors,
  fromRequestMs,
  inviteMs,
  crowd,
}: InvitationPhase) => [
  phase,
  String(samples),
  latencyMs.p50.toFixed(1),
  latencyMs.p95.toFixed(1),
  latencyMs.p99.toFixed(1),
  latencyMs.max.toFixed(1),
  String(errors),
  fromRequestMs.p99.toFixed(1),
  inviteMs.p99.toFixed(1),
  crowd ? crowd.perSecond.toFixed(1) : '-',
  crowd ? crowd.worstP99Ms.toFixed(1) : '-',
];
