import { continueAsNew, proxyActivities } from '@temporalio/workflow';
import type {
  AudienceActivities,
  AudienceRefreshInput,
  AudienceRefreshTotals,
} from './audience-activities';
import { sweepPages } from './paged-sweep';

// Deterministic code only: the accounts and the network are reached through the activities.
const { connectedAccountsPage } = proxyActivities<AudienceActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});
// A rate limit or an outage of the network is waited out with backoff (the activity asks for the
// network's Retry-After when it gives one); an account that still fails after the attempts is
// left for the next day's run, and the run goes on with the others.
const { refreshAccountAudience } = proxyActivities<AudienceActivities>({
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    maximumAttempts: 8,
  },
});

const noTotals = (): AudienceRefreshTotals => ({
  refreshed: 0,
  expired: 0,
  revoked: 0,
  'not-connected': 0,
  failed: 0,
});

/**
 * The daily refresh of every connected account's audience (started by the Schedule
 * `AUDIENCE_REFRESH_SCHEDULE_ID`): page by page in principal order, a few accounts at a time; a
 * run hands over to a fresh one after a number of pages (`sweepPages`). Answers how many accounts came to what.
 */
export async function audienceRefreshWorkflow(
  input: AudienceRefreshInput = {},
): Promise<AudienceRefreshTotals> {
  const totals = { ...noTotals(), ...input.totals };
  const next = await sweepPages({
    after: input.after ?? null,
    totals,
    page: connectedAccountsPage,
    refresh: refreshAccountAudience,
  });
  return next === null
    ? totals
    : continueAsNew<typeof audienceRefreshWorkflow>({ after: next, totals });
}
