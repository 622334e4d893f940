/** What refreshing one imported result came to (see the campaign service's insights-refresh.ts). */
export type ResultRefreshResult = {
  outcome: 'refreshed' | 'expired' | 'revoked' | 'not-connected' | 'gone' | 'failed';
};

/** Where a run of the insights refresh starts, and what the runs before it did. */
export type InsightsRefreshInput = {
  /** The last result refreshed by an earlier run; null: from the first. */
  after?: string | null;
  totals?: InsightsRefreshTotals;
};

export type InsightsRefreshTotals = Record<ResultRefreshResult['outcome'], number>;

/**
 * The activities of the insights refresh; the campaign service's worker implements them
 * (`services/campaign/src/worker/insights-activities.ts`) on its results and social accounts.
 */
export type InsightsActivities = {
  /** Ids of imported results of running collaborations after `after`, in order, at most `limit`. */
  runningInsightsResultsPage(after: string | null, limit: number): Promise<string[]>;
  /**
   * Reads one result's post insights again and writes its figures. A lost token is an outcome
   * (the account is marked), not an error; a rate limit or an outage throws, to be retried.
   */
  refreshResultInsights(resultId: string): Promise<ResultRefreshResult>;
};
