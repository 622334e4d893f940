/** What refreshing one account came to (see the campaign service's audience-refresh.ts). */
export type AccountRefreshResult = {
  outcome: 'refreshed' | 'expired' | 'revoked' | 'not-connected' | 'failed';
};

/** Where a run of the audience refresh starts, and what the runs before it did. */
export type AudienceRefreshInput = {
  /** The last principal refreshed by an earlier run; null: from the first. */
  after?: string | null;
  totals?: AudienceRefreshTotals;
};

export type AudienceRefreshTotals = Record<AccountRefreshResult['outcome'], number>;

/**
 * The activities of the audience refresh; the campaign service's worker implements them
 * (`services/campaign/src/worker/audience-activities.ts`) on its social accounts and profiles.
 */
export type AudienceActivities = {
  /** Principals of connected accounts after `after`, in order, at most `limit`. */
  connectedAccountsPage(after: string | null, limit: number): Promise<string[]>;
  /**
   * Refreshes one account's token (when near its expiry) and audience. An expired or revoked
   * token is an outcome, not an error; a rate limit or an outage throws, to be retried.
   */
  refreshAccountAudience(principal: string): Promise<AccountRefreshResult>;
};
