import { ApplicationFailure } from '@temporalio/client';
import { SocialNetworkError } from '@campaign/social-network';

/**
 * Runs one step of a refresh at the social network as an activity: a transient error of the
 * network (rate limit, outage) is thrown for the activity's retry policy, after the network's
 * Retry-After when it gives one; the error's message never carries the token (the adapter
 * redacts it). Anything else is the step's own outcome or failure.
 */
export async function retryingTransientNetworkErrors<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
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
}
