import type { BenchRig } from './bench-rig';
import { apply, publishCampaign } from './campaign-actors';
import { runLoad, type LoadResult } from './load';

export type CrowdFigures = {
  clients: number;
  /** One hot-campaign level per campaign the crowd filled, at `clients` clients. */
  rounds: { campaignId: string; applications: LoadResult }[];
  applications: number;
  errors: number;
  /** Applications answered 201, per second of the crowd's whole run. */
  perSecond: number;
  /** The worst round's 99th percentile, in ms. */
  worstP99Ms: number;
};

/**
 * Influencers applying to hot campaigns in the background, as the hot-campaign scenario loads
 * one (closed loop, `clients` at a time), until stopped: another scenario measures beside it.
 * Each round fills a fresh campaign with every influencer; the next campaign is published while
 * the current one fills, so the load only dips while a round's last clients finish.
 */
export function startApplicantCrowd(
  rig: BenchRig,
  brandAuth: string,
  /** The applicants' tokens: each applies once to every campaign the crowd fills. */
  applicants: string[],
  clients: number,
) {
  const rounds: CrowdFigures['rounds'] = [];
  let stopping = false;
  let onFirstRound = () => {};
  const started = new Promise<void>((resolve) => (onFirstRound = resolve));
  const publishNext = () => {
    const published = publishCampaign(rig.campaign, brandAuth);
    // Awaited below; until then, a failed publish must not count as an unhandled rejection.
    published.catch(() => {});
    return published;
  };
  const running = (async () => {
    let next = publishNext();
    while (!stopping) {
      const campaignId = await next;
      next = publishNext();
      onFirstRound();
      const applications = await runLoad(applicants.length, clients, (i) =>
        apply(rig.campaign, campaignId, applicants[i]!),
      );
      rounds.push({ campaignId, applications });
    }
    await next;
  })();
  // A crowd that cannot start must fail the scenario rather than leave it waiting.
  const startedOrFailed = Promise.race([started, running]);

  return {
    started: startedOrFailed,
    async stop(): Promise<CrowdFigures> {
      stopping = true;
      await running;
      const succeeded = rounds.reduce((sum, round) => sum + round.applications.succeeded, 0);
      const elapsedMs = rounds.reduce((sum, round) => sum + round.applications.elapsedMs, 0);
      return {
        clients,
        rounds,
        applications: rounds.reduce((sum, round) => sum + round.applications.requests, 0),
        errors: rounds.reduce((sum, round) => sum + round.applications.errors, 0),
        perSecond: succeeded / (elapsedMs / 1000),
        worstP99Ms: Math.max(...rounds.map((round) => round.applications.latencyMs.p99)),
      };
    },
  };
}
