/**
 * What went wrong at the social network, as a kind with a defined outcome:
 * - `rate_limited`: try again later (after `retryAfterSeconds` when the network says);
 * - `unavailable`: the network or the way to it failed; try again with backoff;
 * - `token_expired` / `token_revoked`: the account must be connected again (shown to the
 *   influencer and to ops); never retried with the same token;
 * - `media_failed`: the network could not process the media (a story's image): given up, with the
 *   network's reason;
 * - `not_found`: the post, account or container is not there;
 * - `invalid_request`: the request was refused for its content; a bug or bad data, not retried.
 */
export type SocialNetworkErrorKind =
  | 'rate_limited'
  | 'unavailable'
  | 'token_expired'
  | 'token_revoked'
  | 'media_failed'
  | 'not_found'
  | 'invalid_request';

export class SocialNetworkError extends Error {
  readonly kind: SocialNetworkErrorKind;
  /** The network's own code and subcode (Graph API `error.code`, `error.error_subcode`). */
  readonly code: number | undefined;
  readonly subcode: number | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    kind: SocialNetworkErrorKind,
    message: string,
    details: { code?: number; subcode?: number; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'SocialNetworkError';
    this.kind = kind;
    this.code = details.code;
    this.subcode = details.subcode;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }

  /** Worth trying again later with the same input. */
  get transient(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'unavailable';
  }
}
