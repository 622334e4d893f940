import { continueAsNew, proxyActivities } from '@temporalio/workflow';
import type {
  AudienceActivities,
  AudienceRefreshInput,
  AudienceRefreshTotals,
} from './audience-activities';

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

/** Accounts read per page; refreshed this many at once; pages per run before a fresh run. */
const PAGE = 100;
const AT_ONCE = 10;
const PAGES_PER_RUN = 20;

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
 * run hands over to a fresh one after PAGES_PER_RUN pages, so its history stays small however
 * many accounts there are. Answers how many accounts came to what.
 */
export async function audienceRefreshWorkflow(
  input: AudienceRefreshInput = {},
): Promise<AudienceRefreshTotals> {
  const totals = { ...noTotals(), ...input.totals };
  let after = input.after ?? null;
  for (let page = 0; page < PAGES_PER_RUN; page += 1) {
    const principals = await connectedAccountsPage(after, PAGE);
    for (let start = 0; start < principals.length; start += AT_ONCE) {
      const results = await Promise.allSettled(
        principals
          .slice(start, start + AT_ONCE)
          .map((principal) => refreshAccountAudience(principal)),
      );
      for (const result of results) {
        totals[result.status === 'fulfilled' ? result.value.outcome : 'failed'] += 1;
      }
    }
    if (principals.length < PAGE) return totals;
    after = principals[principals.length - 1]!;
  }
  return continueAsNew<typeof audienceRefreshWorkflow>({ after, totals });
}
