import { performance } from 'node:perf_hooks';
import { campaignWorkflowId, type CampaignSchedule } from '@campaign/contracts';
import type { Connection } from '@temporalio/client';
import { chunks, request, seedHugeCast, type HugeCast } from './huge-actors';
import { runLoad, type LoadResult } from './load';
import type { LatencySummary } from './percentiles';
import type { BenchRig } from './bench-rig';
import type { Scenario } from './scenario';
import {
  measureWorkflowHistory,
  type PayloadSite,
  type WorkflowHistoryReport,
} from '../workflow-history';

/** Influencers applying at once, and signing at once: a crowd of clients, not a flood. */
const CROWD_CLIENTS = 128;
/** The brand's bulk requests (selection, agreements) a few at a time, as a script of its would. */
const BULK_CLIENTS = 4;
/** Ids per bulk request: the API allows more today, but its cap is about to come down to this. */
const MAX_IDS_PER_REQUEST = 1_000;
/** Influencers the brand invites from the Network who never applied. */
const INVITEES = 300;
const INVITE_CLIENTS = 16;
/** How long the collaboration may take to show in the read model once started. */
const VISIBLE_WITHIN_MS = 5 * 60_000;
/** A phase gives up after this many errors once most of its requests fail (a stuck workflow). */
const GIVE_UP_AFTER_ERRORS = 500;
/** The issue's targets: every payload below 512 KB, and a history per run that stays bounded. */
const PAYLOAD_TARGET_BYTES = 512 * 1024;
const EVENTS_PER_RUN_TARGET = 10_000;

/**
 * The week in minutes: every timed moment early enough to happen during the run, except the
 * close (ops close the campaign as soon as the applications and invitations are in) and the
 * agreements' deadlines (everyone signs well before).
 */
const schedule: CampaignSchedule = {
  storyDelaySeconds: 10,
  newsletterTimeUtc: '18:00',
  selectionReminderAfterSeconds: 60,
  closeAfterSeconds: 6 * 60 * 60,
  agreementWindowSeconds: 6 * 60 * 60,
  agreementReminderBeforeSeconds: 60 * 60,
};

type Phase = {
  phase: string;
  /** Influencers acted on: one per application, invitation or signature; every id of a bulk request. */
  actions: number;
  requests: number;
  errors: number;
  errorKinds: Record<string, number>;
  wallMs: number;
  /** Null where no action is sent (waiting for the read model). */
  actionsPerSecond: number | null;
  latencyMs: LatencySummary | null;
};

/**
 * Huge campaign: one campaign through the whole week over the campaign service's HTTP API, with
 * N applicants (100,000; 5,000 with --quick; --huge N), a tenth of them selected, sent an
 * agreement and signing, another tenth declined, a few hundred more invited; ops close it, the
 * brand starts the collaboration, and the group shows in the read model. Then every run of the
 * campaign's workflow is read back from Temporal to measure its payloads and its history.
 */
export const hugeCampaign: Scenario = {
  name: 'huge-campaign',
  async run(rig, settings, log) {
    const applicants = settings.hugeApplicants;
    const phases: Phase[] = [];
    const started = performance.now();
    const record = (phase: Phase) => {
      phases.push(phase);
      log(
        `  ${phase.phase}: ${phase.actions} actions, ${phase.requests} requests in ${(phase.wallMs / 1000).toFixed(1)} s, ${phase.errors} errors${describeErrors(phase.errorKinds)}`,
      );
    };

    log(`Seeding a brand, ops and ${applicants + INVITEES} influencer profiles with tokens`);
    const seedStart = performance.now();
    const cast = await seedHugeCast(rig.campaign, applicants + INVITEES);
    const seedMs = performance.now() - seedStart;
    record({
      phase: 'seed',
      actions: cast.ids.length,
      requests: 0,
      errors: 0,
      errorKinds: {},
      wallMs: seedMs,
      actionsPerSecond: cast.ids.length / (seedMs / 1000),
      latencyMs: null,
    });

    log('Publishing the campaign');
    let campaignId = '';
    record(phaseOf('publish', 1, await step(async () => (campaignId = await publish(rig, cast)))));
    if (!campaignId) throw new Error('the huge campaign could not be published');
    const at = (path: string) => `/campaigns/${campaignId}${path}`;

    log(`${applicants} applications, ${CROWD_CLIENTS} at a time`);
    const applied = new Set<number>();
    record(
      phaseOf(
        'apply',
        applicants,
        await runLoad(
          applicants,
          CROWD_CLIENTS,
          givingUp(
            reporting(applicants, 'applications', log, async (i) => {
              await request(rig.campaign, 'POST', at('/applications'), cast.influencers[i]!);
              applied.add(i);
            }),
          ),
        ),
      ),
    );
    const applicationsStored = await rig.campaign.db.application.count({ where: { campaignId } });

    log(`${INVITEES} invitations of influencers who did not apply`);
    record(
      phaseOf(
        'invite',
        INVITEES,
        await runLoad(
          INVITEES,
          INVITE_CLIENTS,
          givingUp(async (j) => {
            await request(rig.campaign, 'POST', at('/invitations'), cast.brand, {
              influencerId: cast.ids[applicants + j]!,
            });
          }),
        ),
      ),
    );

    // A tenth of those who applied are selected, another tenth declined.
    const appliedInOrder = [...applied].sort((a, b) => a - b);
    const selected = appliedInOrder.filter((i) => i % 10 === 0);
    const declined = appliedInOrder.filter((i) => i % 10 === 1);
    const bulk = async (phase: string, path: string, indices: number[], extra: object = {}) => {
      const requests = chunks(
        indices.map((i) => cast.ids[i]!),
        MAX_IDS_PER_REQUEST,
      );
      log(`${phase}: ${indices.length} influencers in ${requests.length} requests`);
      record(
        phaseOf(
          phase,
          indices.length,
          await runLoad(requests.length, BULK_CLIENTS, async (k) => {
            await request(rig.campaign, 'POST', at(path), cast.brand, {
              influencerIds: requests[k]!,
              ...extra,
            });
          }),
          requests.map((ids) => ids.length),
        ),
      );
    };
    await bulk('select', '/selection', selected, { status: 'selected' });
    await bulk('decline', '/selection', declined, { status: 'declined' });
    await bulk('agreements', '/agreements', selected);

    log(`${selected.length} signatures, ${CROWD_CLIENTS} at a time`);
    const signed = new Set<number>();
    record(
      phaseOf(
        'sign',
        selected.length,
        await runLoad(
          selected.length,
          CROWD_CLIENTS,
          givingUp(
            reporting(selected.length, 'signatures', log, async (k) => {
              const i = selected[k]!;
              await request(rig.campaign, 'POST', at('/agreement/sign'), cast.influencers[i]!);
              signed.add(i);
            }),
          ),
        ),
      ),
    );

    log('Ops close the campaign; the brand starts the collaboration');
    record(
      phaseOf(
        'close',
        1,
        await step(() =>
          request(rig.campaign, 'POST', at('/close'), cast.ops, {
            reason: 'bench: the applications are in',
          }),
        ),
      ),
    );
    const startLoad = await step(() =>
      request(rig.campaign, 'POST', at('/collaboration'), cast.brand),
    );
    record(phaseOf('start collaboration', 1, startLoad));

    log(`Waiting for a group of ${signed.size} in the read model`);
    const visible = await waitForGroup(rig, cast, campaignId, signed.size, startLoad.errors === 0);
    record({
      phase: 'visible',
      actions: visible.collaboratorsInApi,
      // The one read of the group over the API; the polls of the table are in readModel.
      requests: 1,
      errors: visible.ok ? 0 : 1,
      errorKinds: visible.ok ? {} : { [visible.problem ?? 'not visible']: 1 },
      wallMs: visible.wallMs,
      actionsPerSecond: null,
      latencyMs: null,
    });
    const totalMs = performance.now() - started;

    log("Reading every run of the campaign's workflow back from Temporal");
    const workflowId = campaignWorkflowId(campaignId);
    const historyStart = performance.now();
    // The rig's client runs on a Connection (bench-rig.ts); its address is where to read from.
    const { address } = (rig.temporal.connection as Connection).options;
    const temporal = await measureWorkflowHistory(address, workflowId);
    const historyReadMs = performance.now() - historyStart;

    const targets = {
      weekCompleted: visible.ok && phases.every((phase) => phase.errors === 0),
      largestPayloadUnder512KB: (temporal.largestPayload?.bytes ?? 0) < PAYLOAD_TARGET_BYTES,
      historyPerRunBounded: temporal.maxEventsPerRun <= EVENTS_PER_RUN_TARGET,
    };
    const rows = [
      ...phases.map(row),
      [
        'total',
        String(
          phases.reduce((sum, phase) => sum + (phase.phase === 'seed' ? 0 : phase.actions), 0),
        ),
        String(phases.reduce((sum, phase) => sum + phase.requests, 0)),
        (totalMs / 1000).toFixed(1),
        '',
        '',
        '',
        String(phases.reduce((sum, phase) => sum + phase.errors, 0)),
      ],
    ];
    const largest = temporal.largestPayload;
    return {
      scenario: 'huge-campaign',
      about: `1 campaign, ${applicants} applicants, ${selected.length} selected and signing, ${declined.length} declined, ${INVITEES} invited, over HTTP`,
      table: { headers, rows },
      notes: [
        `Read model: ${applicationsStored}/${applicants} applications stored; collaborators ${visible.collaboratorsInDb} in the table, ${visible.collaboratorsInApi} over the API (expected ${signed.size})`,
        `Temporal (${workflowId}): ${temporal.runs.length} runs, at most ${temporal.maxEventsPerRun} events per run (${temporal.totalEvents} in all), at most ${kb(Math.max(0, ...temporal.runs.map((run) => run.historyBytes)))} of history per run; ${temporal.workflowTaskFailures} workflow task failures`,
        `Largest payload: ${largest ? `${kb(largest.bytes)} (${largest.bytes} bytes), ${where(largest)}` : 'none'}; ${temporal.payloadsOver512KB} payloads of 512 KB or more`,
        `Largest per kind: ${temporal.largestByField
          .slice(0, 6)
          .map((site) => `${site.field} ${kb(site.bytes)}`)
          .join('; ')}`,
        `Targets: week completes ${yesNo(targets.weekCompleted)}; largest payload < 512 KB ${yesNo(targets.largestPayloadUnder512KB)}; events per run ≤ ${EVENTS_PER_RUN_TARGET} ${yesNo(targets.historyPerRunBounded)}`,
      ],
      results: {
        campaignId,
        workflowId,
        applicants,
        invitees: INVITEES,
        selected: selected.length,
        declined: declined.length,
        signed: signed.size,
        clients: { crowd: CROWD_CLIENTS, bulk: BULK_CLIENTS, invite: INVITE_CLIENTS },
        maxIdsPerRequest: MAX_IDS_PER_REQUEST,
        schedule,
        phases,
        totalMs,
        readModel: {
          applicationsStored,
          collaboratorsInDb: visible.collaboratorsInDb,
          collaboratorsInApi: visible.collaboratorsInApi,
          expectedGroup: signed.size,
          collaboratorPolls: visible.polls,
        },
        temporal: { ...temporal, historyReadMs },
        targets,
      } satisfies HugeCampaignResults,
    };
  },
};

type HugeCampaignResults = {
  campaignId: string;
  workflowId: string;
  applicants: number;
  invitees: number;
  selected: number;
  declined: number;
  signed: number;
  clients: Record<string, number>;
  maxIdsPerRequest: number;
  schedule: CampaignSchedule;
  phases: Phase[];
  totalMs: number;
  readModel: Record<string, number>;
  temporal: WorkflowHistoryReport & { historyReadMs: number };
  targets: Record<string, boolean>;
};

const headers = [
  'phase',
  'actions',
  'requests',
  'wall s',
  'actions/s',
  'p50 ms',
  'p99 ms',
  'errors',
];

const row = (phase: Phase) => [
  phase.phase,
  String(phase.actions),
  String(phase.requests),
  (phase.wallMs / 1000).toFixed(1),
  phase.actionsPerSecond === null ? '' : phase.actionsPerSecond.toFixed(1),
  // No latency where no request was answered (the JSON has NaN there).
  phase.latencyMs && phase.errors < phase.requests ? phase.latencyMs.p50.toFixed(1) : '',
  phase.latencyMs && phase.errors < phase.requests ? phase.latencyMs.p99.toFixed(1) : '',
  String(phase.errors),
];

/**
 * A phase's figures from its load. `actionsPerRequest` says how many influencers each request
 * carried (bulk requests); otherwise each request is one action, and only answered ones count.
 */
function phaseOf(
  phase: string,
  actions: number,
  load: LoadResult,
  actionsPerRequest?: number[],
): Phase {
  const done = actionsPerRequest
    ? actionsPerRequest.reduce((sum, ids) => sum + ids, 0) *
      (load.requests === 0 ? 0 : load.succeeded / load.requests)
    : load.succeeded;
  return {
    phase,
    actions,
    requests: load.requests,
    errors: load.errors,
    errorKinds: load.errorKinds,
    wallMs: load.elapsedMs,
    actionsPerSecond: done / (load.elapsedMs / 1000),
    latencyMs: load.latencyMs,
  };
}

/** One request, measured like a load of one. */
function step(send: () => Promise<unknown>): Promise<LoadResult> {
  return runLoad(1, 1, async () => {
    await send();
  });
}

/**
 * Once most of a phase's requests fail (a workflow that no longer answers costs each of them the
 * service's 10 s), the rest are skipped and counted as errors, so a broken run ends in minutes.
 */
function givingUp(send: (index: number) => Promise<void>): (index: number) => Promise<void> {
  let sent = 0;
  let failed = 0;
  return async (index) => {
    if (failed >= GIVE_UP_AFTER_ERRORS && failed * 2 > sent) {
      throw Object.assign(new Error('not sent: most of the phase had failed'), { name: 'Skipped' });
    }
    sent += 1;
    try {
      await send(index);
    } catch (error) {
      failed += 1;
      throw error;
    }
  };
}

/** Logs every tenth of a long phase, with the errors so far, so a 100,000 run is not silent. */
function reporting(
  total: number,
  what: string,
  log: (line: string) => void,
  send: (index: number) => Promise<void>,
): (index: number) => Promise<void> {
  const step = Math.max(1_000, Math.ceil(total / 10));
  const started = performance.now();
  let done = 0;
  let failed = 0;
  return async (index) => {
    try {
      await send(index);
    } catch (error) {
      failed += 1;
      throw error;
    } finally {
      done += 1;
      if (done % step === 0 && done < total) {
        const seconds = (performance.now() - started) / 1000;
        log(`    ${done} of ${total} ${what} in ${seconds.toFixed(0)} s, ${failed} failed`);
      }
    }
  };
}

async function publish(rig: BenchRig, cast: HugeCast): Promise<string> {
  const { id } = await request<{ id: string }>(rig.campaign, 'POST', '/campaigns', cast.brand, {
    title: 'Bench huge glow',
    brief: 'Everyone shows our SPF in their morning routine',
    schedule,
    qualifications: {},
  });
  await request(rig.campaign, 'POST', `/campaigns/${id}/publish`, cast.brand);
  const deadline = Date.now() + 60_000;
  while (
    (await rig.campaign.db.campaign.findUniqueOrThrow({ where: { id } })).status !== 'published'
  ) {
    if (Date.now() > deadline) throw new Error(`campaign ${id} was not published within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return id;
}

/**
 * Polls the collaborators table until it holds the whole group, then reads the group over the
 * API as the brand would (names and addresses): both must have every member.
 */
async function waitForGroup(
  rig: BenchRig,
  cast: HugeCast,
  campaignId: string,
  expected: number,
  started: boolean,
) {
  const start = performance.now();
  let polls = 0;
  let collaboratorsInDb: number;
  let collaboratorsInApi = 0;
  let problem: string | undefined = started ? undefined : 'start collaboration failed';
  // Without a start, one look at the table and the API is enough to report what they hold.
  const deadline = started ? Date.now() + VISIBLE_WITHIN_MS : 0;
  for (;;) {
    polls += 1;
    collaboratorsInDb = await rig.campaign.db.collaborator.count({ where: { campaignId } });
    if (collaboratorsInDb >= expected && expected > 0) break;
    if (Date.now() > deadline) {
      problem ??= `${collaboratorsInDb} of ${expected} collaborators after ${VISIBLE_WITHIN_MS / 1000} s`;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  try {
    const { items } = await request<{ items: unknown[] }>(
      rig.campaign,
      'GET',
      `/campaigns/${campaignId}/collaborations`,
      cast.brand,
    );
    collaboratorsInApi = items.length;
  } catch (error) {
    problem ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  if (collaboratorsInApi !== expected)
    problem ??= `${collaboratorsInApi} of ${expected} over the API`;
  return {
    ok: problem === undefined,
    problem,
    polls,
    collaboratorsInDb,
    collaboratorsInApi,
    wallMs: performance.now() - start,
  };
}

function describeErrors(kinds: Record<string, number>): string {
  const entries = Object.entries(kinds);
  return entries.length === 0
    ? ''
    : ` (${entries.map(([kind, count]) => `${count} × ${kind}`).join('; ')})`;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const yesNo = (met: boolean) => (met ? 'met' : 'NOT met');
const where = (site: PayloadSite) =>
  `run ${site.run} event ${site.eventId} (${site.eventType}), ${site.field}`;
