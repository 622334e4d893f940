import { continueAsNew, proxyActivities } from '@temporalio/workflow';
import type {
  InsightsActivities,
  InsightsRefreshInput,
  InsightsRefreshTotals,
} from './insights-activities';
import { sweepPages } from './paged-sweep';

// Deterministic code only: the results and the network are reached through the activities.
const { runningInsightsResultsPage } = proxyActivities<InsightsActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});
// A rate limit or an outage of the network is waited out with backoff (the activity asks for the
// network's Retry-After when it gives one); a result that still fails after the attempts keeps its
// last figures until the next run, and this run goes on with the others.
const { refreshResultInsights } = proxyActivities<InsightsActivities>({
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    maximumAttempts: 8,
  },
});

const noTotals = (): InsightsRefreshTotals => ({
  refreshed: 0,
  expired: 0,
  revoked: 0,
  'not-connected': 0,
  gone: 0,
  failed: 0,
});

/**
 * The refresh of every result imported from insights while its collaboration runs (started by
 * the Schedule `INSIGHTS_REFRESH_SCHEDULE_ID` every few hours): page by page in id order, a few
 * results at a time; a run hands over to a fresh one after a number of pages (`sweepPages`). Answers how many results came to what.
 */
export async function insightsRefreshWorkflow(
  input: InsightsRefreshInput = {},
): Promise<InsightsRefreshTotals> {
  const totals = { ...noTotals(), ...input.totals };
  const next = await sweepPages({
    after: input.after ?? null,
    totals,
    page: runningInsightsResultsPage,
    refresh: refreshResultInsights,
  });
  return next === null
    ? totals
    : continueAsNew<typeof insightsRefreshWorkflow>({ after: next, totals });
}
