import type { StoryWorkflowInput } from '@campaign/contracts';
import {
  ActivityFailure,
  ApplicationFailure,
  proxyActivities,
  sleep,
  uuid4,
} from '@temporalio/workflow';
import { PROCESSING_LIMIT_MS, processingPollDelayMs, storyImage } from '../domain/story-image';
import type { StoryActivities, StoryFailureDetails } from './story-activities';

// Deterministic code only: time is the workflow clock, event ids come from the seeded uuid4, and
// every side effect is an activity below.

// Steps at the social network. A rate limit or an outage is retried with backoff (from 1 s,
// doubling, at most 5 min apart; sooner or later as the network's Retry-After says), 10 tries in
// all; a permanent error (the image failed, the platform's token expired or was revoked, a refused
// request) is thrown non-retryable by the activity and gives the story up at once.
const network = proxyActivities<StoryActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    maximumAttempts: 10,
  },
});
// Recording is the service's own database: retried until it answers, never given up.
const { recordStory } = proxyActivities<StoryActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '500 milliseconds',
    backoffCoefficient: 2,
    maximumInterval: '5 seconds',
  },
});

/**
 * Posts a campaign's story from the platform's account, once: its workflow id is the campaign's
 * (`story-<campaignId>`), and a second start is refused. Content publishing in three steps:
 * create the media container, wait until the network has processed it, publish it. The outcome,
 * posted (media id, link, time) or given up (the reason), is stored and announced.
 */
export async function campaignStory(input: StoryWorkflowInput): Promise<void> {
  const { campaignId, brandId } = input;
  const now = () => new Date(Date.now()).toISOString();
  let attempts = 0;
  await recordStory({ campaignId, brandId, at: now(), status: 'posting' });
  try {
    const container = await network.createStoryContainer(storyImage(input));
    attempts += container.attempt;
    await processed(container.containerId, (tries) => (attempts += tries));
    const published = await network.publishStoryContainer(container.containerId);
    attempts += published.attempt;
    await recordStory({
      campaignId,
      brandId,
      at: now(),
      status: 'posted',
      eventId: uuid4(),
      mediaId: published.mediaId,
      permalink: published.permalink,
      attempts,
    });
  } catch (error) {
    const failure = givenUp(error);
    if (!failure) throw error;
    await recordStory({
      campaignId,
      brandId,
      at: now(),
      status: 'failed',
      eventId: uuid4(),
      reason: failure.reason,
      attempts: attempts + failure.attempts,
    });
  }
}

/** Waits, on the workflow clock with backoff, until the network says the container is ready. */
async function processed(containerId: string, count: (tries: number) => void): Promise<void> {
  const giveUpAt = Date.now() + PROCESSING_LIMIT_MS;
  for (let asked = 0; ; asked += 1) {
    const { status, attempt } = await network.storyContainerStatus(containerId);
    count(attempt);
    if (status === 'FINISHED') return;
    if (status === 'ERROR' || status === 'EXPIRED') {
      throw storyFailure(`The social network could not process the story's image (${status}).`);
    }
    if (status === 'PUBLISHED') {
      // Only this workflow publishes this container, and it has not yet.
      throw storyFailure('The story’s media container was published by someone else.');
    }
    if (Date.now() >= giveUpAt) {
      throw storyFailure('The social network did not finish processing the image in 5 minutes.');
    }
    await sleep(processingPollDelayMs(asked));
  }
}

function storyFailure(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: 'media_failed', message, nonRetryable: true });
}

/** The reason a story is given up, and the tries of the step that gave up; null for a bug. */
function givenUp(error: unknown): { reason: string; attempts: number } | null {
  if (error instanceof ApplicationFailure) return { reason: error.message, attempts: 0 };
  if (error instanceof ActivityFailure) {
    // Retries ran out (the last error's reason), or a permanent error gave up at once.
    const cause = error.cause;
    const details =
      cause instanceof ApplicationFailure
        ? (cause.details?.[0] as StoryFailureDetails | undefined)
        : undefined;
    return { reason: cause?.message ?? error.message, attempts: details?.attempt ?? 1 };
  }
  return null;
}
