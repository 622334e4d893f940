import { SocialNetworkError } from '@campaign/social-network';
import { storyStepFailure } from '../src/worker/story-activities';

describe('a story step’s error, as the story workflow sees it', () => {
  it('retries a rate limit, after the network’s Retry-After', () => {
    const failure = storyStepFailure(
      new SocialNetworkError('rate_limited', 'Application request limit reached', {
        code: 4,
        retryAfterSeconds: 30,
      }),
      2,
    );
    expect(failure.nonRetryable).toBe(false);
    expect(failure.type).toBe('rate_limited');
    expect(failure.nextRetryDelay).toBe('30 seconds');
    expect(failure.details).toEqual([{ attempt: 2, kind: 'rate_limited' }]);
  });

  it('retries an outage, and an error that is not the network’s, without passing its message on', () => {
    const outage = storyStepFailure(new SocialNetworkError('unavailable', 'HTTP 503'), 1);
    expect(outage.nonRetryable).toBe(false);
    const unknown = storyStepFailure(
      new TypeError('fetch failed: https://graph.example/v23.0/me?access_token=SECRET'),
      1,
    );
    expect(unknown.nonRetryable).toBe(false);
    expect(unknown.type).toBe('unavailable');
    expect(unknown.message).not.toContain('SECRET');
  });

  it.each([
    'media_failed',
    'token_expired',
    'token_revoked',
    'invalid_request',
    'not_found',
  ] as const)('gives up at once on %s, with the reason in words', (kind) => {
    const failure = storyStepFailure(
      new SocialNetworkError(kind, 'The image could not be fetched'),
      1,
    );
    expect(failure.nonRetryable).toBe(true);
    expect(failure.type).toBe(kind);
    expect(failure.message.length).toBeGreaterThan(20);
  });

  it('names the network’s reason for a failed image', () => {
    const failure = storyStepFailure(
      new SocialNetworkError('media_failed', 'The image format is not supported', {
        subcode: 2207026,
      }),
      1,
    );
    expect(failure.message).toBe(
      "The social network could not process the story's image. The network says: The image format is not supported",
    );
  });
});
