import { ApplicationFailure } from '@temporalio/client';
import type { AudienceActivities } from '@campaign/workflows';
import { SocialNetworkError } from '@campaign/social-network';
import type { SocialAccountStore } from '../db/social-account-store';
import type { AudienceRefresh } from '../social/audience-refresh';

/**
 * The audience refresh's activities on the campaign service's social accounts. A transient error
 * of the network is thrown for the activity's retry policy, after the network's Retry-After when
 * it gives one; the error's message never carries the token (the adapter redacts it).
 */
export function createAudienceActivities(deps: {
  accounts: Pick<SocialAccountStore, 'connectedPage'>;
  refresh: AudienceRefresh;
}): AudienceActivities {
  return {
    connectedAccountsPage: (after, limit) => deps.accounts.connectedPage(after, limit),

    async refreshAccountAudience(principal) {
      try {
        const result = await deps.refresh(principal);
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
