import { apply, publishCampaign, seedActors } from './campaign-actors';
import { runLoad, type LoadResult } from './load';
import { startNoopTargets } from './noop-worker';
import { touch } from './noop-workflow';
import type { BenchRig } from './bench-rig';
import type { Scenario } from './scenario';

/**
 * A raw update gets as long as the campaign service gives an action before it answers 503
 * (campaign-lifecycle.ts): past that, it counts as an error. Without it, refused updates retry
 * with backoff until the level crawls (at 128 clients, under 2 updates/s on a 2-core machine).
 */
const RAW_UPDATE_DEADLINE_MS = 10_000;

type Level = {
  concurrency: number;
  campaignId: string;
  applications: LoadResult;
  /** Applications the read model holds afterwards: every 201 must have been stored. */
  applicationsStored: number;
  rawUpdates: LoadResult;
  /** Applications per second ÷ raw updates per second, at the same concurrency. */
  ratio: number;
};

/**
 * Hot campaign: every applicant applies to one campaign over HTTP, `concurrency` at a time, on a
 * fresh campaign per level. Beside it, the raw ceiling: as many updates to a workflow that does
 * nothing, as many at a time, through the same Temporal client. The service coalesces concurrent
 * actions on a campaign into one update, so it may beat the ceiling (a ratio above 1).
 */
export const hotCampaign: Scenario = {
  name: 'hot-campaign',
  async run(rig, settings, log) {
    const { applicants, concurrencies } = settings;
    log(`Seeding a brand and ${applicants} influencer profiles`);
    const actors = await seedActors(rig.campaign, applicants);

    log('Warming up (not measured)');
    await runLevel(rig, actors, Math.min(20, applicants), 4);

    const levels: Level[] = [];
    for (const concurrency of concurrencies) {
      log(`${applicants} applications and ${applicants} raw updates, ${concurrency} at a time`);
      const level = await runLevel(rig, actors, applicants, concurrency);
      levels.push(level);
      log(`  ${headers.join(' | ')}\n    ${row(level).join(' | ')}`);
    }
    return {
      scenario: 'hot-campaign',
      about: `1 campaign, ${applicants} applicants applying over HTTP, beside as many no-op Temporal updates`,
      table: { headers, rows: levels.map(row) },
      results: levels,
    };
  },
};

const headers = [
  'clients',
  'applications',
  'actions/s',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'steady p99',
  'errors',
  'raw updates/s',
  'raw p99 ms',
  'raw errors',
  'ratio',
];

const row = ({ concurrency, applications, rawUpdates, ratio }: Level) => [
  String(concurrency),
  String(applications.requests),
  applications.perSecond.toFixed(1),
  applications.latencyMs.p50.toFixed(1),
  applications.latencyMs.p95.toFixed(1),
  applications.latencyMs.p99.toFixed(1),
  // A level shorter than its warm-up second has no steady part.
  Number.isNaN(applications.steadyLatencyMs.p99)
    ? '-'
    : applications.steadyLatencyMs.p99.toFixed(1),
  String(applications.errors),
  rawUpdates.perSecond.toFixed(1),
  rawUpdates.latencyMs.p99.toFixed(1),
  String(rawUpdates.errors),
  ratio.toFixed(2),
];

async function runLevel(
  rig: BenchRig,
  actors: Awaited<ReturnType<typeof seedActors>>,
  applicants: number,
  concurrency: number,
): Promise<Level> {
  const campaignId = await publishCampaign(rig.campaign, actors.brand);
  const applications = await runLoad(applicants, concurrency, (i) =>
    apply(rig.campaign, campaignId, actors.influencers[i]!),
  );
  const applicationsStored = await rig.campaign.db.application.count({ where: { campaignId } });

  const targets = await startNoopTargets(rig.temporal, applicants);
  const rawUpdates = await runLoad(applicants, concurrency, async (i) => {
    await rig.temporal.connection.withDeadline(Date.now() + RAW_UPDATE_DEADLINE_MS, () =>
      targets.handleFor(i).executeUpdate(touch),
    );
  });
  await targets.finish();

  return {
    concurrency,
    campaignId,
    applications,
    applicationsStored,
    rawUpdates,
    ratio: applications.perSecond / rawUpdates.perSecond,
  };
}
