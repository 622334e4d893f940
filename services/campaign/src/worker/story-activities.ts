import {
  SocialNetworkError,
  type AccountAccess,
  type SocialNetwork,
  type SocialNetworkErrorKind,
} from '@campaign/social-network';
import type { StoryActivities, StoryFailureDetails } from '@campaign/workflows';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/client';
import type { StoryStore } from '../db/story-store';

/**
 * The story workflow's steps: the social network port with the platform's own account, and the
 * story's store. A network error becomes a Temporal failure by its kind: a rate limit or an outage
 * is retried by the workflow's retry policy (after the network's Retry-After when it gives one);
 * anything else is non-retryable, and the story is given up with the reason in words. The account's
 * token never leaves this file: not in a failure, not in a log.
 */
export function createStoryActivities(deps: {
  /** Absent where the platform's account is not configured: every story is given up, saying so. */
  network?: SocialNetwork;
  account?: AccountAccess;
  stories: Pick<StoryStore, 'record'>;
  /** Tells the relay of this process that an event is owed, so it leaves before its next poll. */
  onRecorded?: () => void;
}): StoryActivities {
  const step = async <T>(call: (network: SocialNetwork, account: AccountAccess) => Promise<T>) => {
    const { attempt } = Context.current().info;
    if (!deps.network || !deps.account) {
      throw ApplicationFailure.create({
        type: 'not_configured',
        message: "The platform's social account is not configured (INSTAGRAM_PLATFORM_ACCOUNT_ID).",
        nonRetryable: true,
        details: [{ attempt, kind: 'not_configured' } satisfies StoryFailureDetails],
      });
    }
    try {
      return { ...(await call(deps.network, deps.account)), attempt };
    } catch (error) {
      throw storyStepFailure(error, attempt);
    }
  };
  return {
    async recordStory(record) {
      await deps.stories.record(record);
      if (record.status !== 'posting') deps.onRecorded?.();
    },
    createStoryContainer: (imageUrl) =>
      step((network, account) => network.createStoryContainer(account, imageUrl)),
    storyContainerStatus: (containerId) =>
      step(async (network, account) => ({
        status: await network.containerStatus(account, containerId),
      })),
    publishStoryContainer: (containerId) =>
      step((network, account) => network.publishContainer(account, containerId)),
  };
}

/** A step's error as the workflow sees it: retryable or not by its kind, its reason in words. */
export function storyStepFailure(error: unknown, attempt: number): ApplicationFailure {
  const kind: SocialNetworkErrorKind =
    error instanceof SocialNetworkError ? error.kind : 'unavailable';
  const details: StoryFailureDetails = { attempt, kind };
  const retryAfter = error instanceof SocialNetworkError ? error.retryAfterSeconds : undefined;
  return ApplicationFailure.create({
    type: kind,
    // Only the port's own messages are passed on: another error's (a driver's, fetch's) could
    // carry a URL with the token in its query.
    message: reasonFor(kind, error instanceof SocialNetworkError ? error.message : undefined),
    nonRetryable: kind !== 'rate_limited' && kind !== 'unavailable',
    details: [details],
    ...(retryAfter !== undefined && retryAfter > 0
      ? { nextRetryDelay: `${Math.min(retryAfter, 3_600)} seconds` }
      : {}),
  });
}

/** What the brand and ops read when the story is given up for this kind of error. */
function reasonFor(kind: SocialNetworkErrorKind, networkSays: string | undefined): string {
  const says = networkSays ? ` The network says: ${networkSays}` : '';
  switch (kind) {
    case 'rate_limited':
      return `The social network kept limiting the platform's requests (rate limited).${says}`;
    case 'unavailable':
      return `The social network could not be reached.${says}`;
    case 'token_expired':
      return "The platform's social account must be connected again: its access token expired.";
    case 'token_revoked':
      return "The platform's social account must be connected again: its access was revoked.";
    case 'media_failed':
      return `The social network could not process the story's image.${says}`;
    case 'not_found':
      return `The social network did not find the story's media.${says}`;
    case 'invalid_request':
      return `The social network refused the story.${says}`;
  }
}
