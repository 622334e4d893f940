import type { InsightsActivities } from '@campaign/workflows';
import type { InsightsResultStore } from '../db/insights-result-store';
import type { InsightsRefresh } from '../social/insights-refresh';
import { retryingTransientNetworkErrors } from './network-retry';

/**
 * The insights refresh's activities on the campaign service's results. A collaboration runs from
 * its start until its campaign finishes, `runsForSeconds` later; only those results are read. Transient
 * network errors go to the activity's retry policy (`retryingTransientNetworkErrors`).
 */
export function createInsightsActivities(deps: {
  results: Pick<InsightsResultStore, 'runningPage'>;
  refresh: InsightsRefresh;
  runsForSeconds: number;
  now?: () => Date;
}): InsightsActivities {
  const now = deps.now ?? (() => new Date());
  return {
    runningInsightsResultsPage: (after, limit) =>
      deps.results.runningPage(
        after,
        limit,
        new Date(now().getTime() - deps.runsForSeconds * 1000),
      ),

    refreshResultInsights: (resultId) =>
      retryingTransientNetworkErrors(async () => {
        const result = await deps.refresh(resultId);
        return { outcome: result.outcome };
      }),
  };
}
