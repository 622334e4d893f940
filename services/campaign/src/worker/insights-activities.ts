import { ApplicationFailure } from '@temporalio/client';
import type { InsightsActivities } from '@campaign/workflows';
import { SocialNetworkError } from '@campaign/social-network';
import type { InsightsResultStore } from '../db/insights-result-store';
import type { InsightsRefresh } from '../social/insights-refresh';

/**
 * The insights refresh's activities on the campaign service's results. A collaboration runs from
 * its start until its campaign finishes, `runsForSeconds` later; only those results are read. A
 * transient error of the network is thrown for the activity's retry policy, after the network's
 * Retry-After when it gives one; the error's message never carries the token (the adapter redacts it).
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

    async refreshResultInsights(resultId) {
      try {
        const result = await deps.refresh(resultId);
        return { outcome: result.outcome };
      } catch (error) {
        if (error instanceof SocialNetworkError && error.transient) {
          throw ApplicationFailure.create({
            type: `SocialNetwork.${error.kind}`,
            message: error.message,
            ...(error.retryAfterSeconds
              ? { nextRetryDelay: `${error.retryAfterSeconds} seconds` }
              : {}),
          });
        }
        throw error;
      }
    },
  };
}
