import { actionTimings, type ActionFigures } from './action-timings';
import { bearer, seedActors } from './campaign-actors';
import { runCampaignWeek, COMPRESSED_WEEK, type WeekOutcome } from './campaign-week';
import { collaborators } from './lifecycle-actions';
import { runLoad, type LoadResult } from './load';
import type { Scenario } from './scenario';

/** Campaigns worked on at once: each client acts out one campaign's week at a time. */
const CLIENTS = 32;
/** Clients reading the groups back afterwards: a check, not a measurement. */
const CHECKERS = 8;

type Figures = {
  campaigns: number;
  campaignSize: number;
  clients: number;
  schedule: typeof COMPRESSED_WEEK;
  /** Each campaign's whole week, from publishing to the congratulations read. */
  weeks: LoadResult;
  wallMs: number;
  /** Every HTTP action by kind (apply, select, …) and `all`; publishing is under `waits`. */
  actions: Record<string, ActionFigures>;
  /** Publishing until on the marketplace, and start collaboration until congratulations read. */
  waits: Record<string, ActionFigures>;
  actionsPerSecond: number;
  /** Campaigns whose collaborators, as the campaign service lists them, are the whole cast. */
  collaborating: number;
  /** What the other campaigns' groups held instead (or why they could not be read). */
  shortGroups: Record<string, string>;
  /** Congratulations in the notifications service's database, against one per collaborator. */
  congratulationsStored: number;
};

/**
 * Many campaigns: `campaigns` campaigns, each with its own `campaignSize` influencers, each
 * through its compressed week (campaign-week.ts), CLIENTS campaigns at a time. Afterwards every
 * campaign's group is read from the campaign service's API and the congratulations counted in
 * the notifications service's database.
 */
export const manyCampaigns: Scenario = {
  name: 'many-campaigns',
  async run(rig, settings, log) {
    const { campaigns, campaignSize } = settings;
    log('Starting the notifications service');
    const notifications = await rig.notifications();
    log(`Seeding a brand and ${campaigns * campaignSize} influencer profiles`);
    const actors = await seedActors(rig.campaign, campaigns * campaignSize);
    const ops = await bearer(rig.campaign, { role: 'ops', userId: 'bench-ops' });
    const castOf = (campaign: number) => ({
      brand: actors.brand,
      ops,
      influencers: Array.from({ length: campaignSize }, (_, i) => ({
        id: actors.influencerIds[campaign * campaignSize + i]!,
        auth: actors.influencers[campaign * campaignSize + i]!,
      })),
    });

    log(`${campaigns} campaigns × ${campaignSize} influencers, ${CLIENTS} campaigns at a time`);
    const timings = { actions: actionTimings(), waits: actionTimings() };
    const outcomes: WeekOutcome[] = [];
    const weeks = await runLoad(campaigns, CLIENTS, async (campaign) => {
      outcomes.push(await runCampaignWeek(rig, notifications, castOf(campaign), timings));
      if (outcomes.length % Math.max(1, Math.round(campaigns / 10)) === 0) {
        log(`  ${outcomes.length} of ${campaigns} campaigns collaborating`);
      }
    });

    log('Reading every group back from the campaign service');
    const shortGroups: Record<string, string> = {};
    await runLoad(outcomes.length, CHECKERS, async (i) => {
      const { campaignId } = outcomes[i]!;
      try {
        const group = await collaborators(rig.campaign, campaignId, actors.brand);
        if (group.length !== campaignSize)
          shortGroups[campaignId] = `${group.length} collaborators`;
      } catch (error) {
        shortGroups[campaignId] = error instanceof Error ? error.message : String(error);
      }
    });
    const congratulationsStored = await notifications.db.notification.count({
      where: { kind: 'congratulations' },
    });

    const actions = timings.actions.figures();
    const figures: Figures = {
      campaigns,
      campaignSize,
      clients: CLIENTS,
      schedule: COMPRESSED_WEEK,
      weeks,
      wallMs: weeks.elapsedMs,
      actions,
      waits: timings.waits.figures(),
      actionsPerSecond: (actions.all!.sent - actions.all!.errors) / (weeks.elapsedMs / 1000),
      collaborating: outcomes.length - Object.keys(shortGroups).length,
      shortGroups,
      congratulationsStored,
    };
    log(`  ${headers.join(' | ')}\n    ${row(figures).join(' | ')}`);
    return {
      scenario: 'many-campaigns',
      about:
        `${campaigns} campaigns × ${campaignSize} influencers through a compressed week ` +
        `over HTTP, ${CLIENTS} campaigns at a time`,
      table: { headers, rows: [row(figures)] },
      results: figures,
    };
  },
};

const headers = [
  'campaigns',
  'influencers each',
  'clients',
  'actions',
  'wall s',
  'actions/s',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'errors',
  'collaborating',
  'congratulations',
  'congrats p99 ms',
];

const row = (figures: Figures) => {
  const all = figures.actions.all!;
  const congratulated = figures.waits.congratulations?.latencyMs.p99 ?? Number.NaN;
  return [
    String(figures.campaigns),
    String(figures.campaignSize),
    String(figures.clients),
    String(all.sent),
    (figures.wallMs / 1000).toFixed(1),
    figures.actionsPerSecond.toFixed(1),
    all.latencyMs.p50.toFixed(1),
    all.latencyMs.p95.toFixed(1),
    all.latencyMs.p99.toFixed(1),
    String(all.errors + figures.waits.all!.errors),
    `${figures.collaborating}/${figures.campaigns}`,
    `${figures.congratulationsStored}/${figures.campaigns * figures.campaignSize}`,
    congratulated.toFixed(1),
  ];
};
