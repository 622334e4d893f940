import type { AudienceActivities } from '@campaign/workflows';
import type { SocialAccountStore } from '../db/social-account-store';
import type { AudienceRefresh } from '../social/audience-refresh';
import { retryingTransientNetworkErrors } from './network-retry';

/**
 * The audience refresh's activities on the campaign service's social accounts. Transient network
 * errors go to the activity's retry policy (`retryingTransientNetworkErrors`).
 */
export function createAudienceActivities(deps: {
  accounts: Pick<SocialAccountStore, 'connectedPage'>;
  refresh: AudienceRefresh;
}): AudienceActivities {
  return {
    connectedAccountsPage: (after, limit) => deps.accounts.connectedPage(after, limit),

    refreshAccountAudience: (principal) =>
      retryingTransientNetworkErrors(async () => {
        const result = await deps.refresh(principal);
        return { outcome: result.outcome };
      }),
  };
}
