import { SocialNetworkError, type SocialNetworkErrorKind } from '../social-network-error';
import { redactSecrets } from './redact';

/**
 * The Graph API's error, as it answers it: `{"error":{"message","type","code","error_subcode",
 * "fbtrace_id"}}`; the OAuth code exchange answers `{"error_type","code","error_message"}` instead.
 */
export type GraphErrorBody = {
  message?: string;
  type?: string;
  code?: number;
  subcode?: number;
};

/** Codes the Graph API uses for its call limits (app, user, page/account, per-API). */
const rateLimitCodes = new Set([4, 17, 32, 613]);
/** Code 9 is the publishing limit (subcode 2207042: 25 posts in 24 hours). */
const PUBLISHING_LIMIT_CODE = 9;
/** Code 190 is an access token the network no longer honours. */
const INVALID_TOKEN_CODE = 190;
/** Of code 190's subcodes, those that end with time: a fresh login fixes them. */
const expiredTokenSubcodes = new Set([463, 467]);
/** Media subcodes (2207xxx) that mean "not yet" or "our side failed", not "this media is bad". */
const transientMediaSubcodes = new Set([2207001, 2207027]);

/** Reads either error shape; anything else (an HTML error page, no body) gives an empty one. */
export function readGraphErrorBody(body: unknown): GraphErrorBody {
  if (!body || typeof body !== 'object') return {};
  const record = body as Record<string, unknown>;
  const inner = record.error;
  if (inner && typeof inner === 'object') {
    const error = inner as Record<string, unknown>;
    return {
      message: typeof error.message === 'string' ? error.message : undefined,
      type: typeof error.type === 'string' ? error.type : undefined,
      code: numberOrUndefined(error.code),
      subcode: numberOrUndefined(error.error_subcode),
    };
  }
  if (typeof record.error_type === 'string' || typeof record.error_message === 'string') {
    return {
      message: typeof record.error_message === 'string' ? record.error_message : undefined,
      type: typeof record.error_type === 'string' ? record.error_type : undefined,
      code: numberOrUndefined(record.code),
    };
  }
  return {};
}

/**
 * The kind of a failed answer: by the network's code first (it says more than the status), then
 * by the HTTP status.
 */
export function graphErrorKind(status: number, error: GraphErrorBody): SocialNetworkErrorKind {
  const { code, subcode } = error;
  if (code === INVALID_TOKEN_CODE) {
    return subcode !== undefined && expiredTokenSubcodes.has(subcode)
      ? 'token_expired'
      : 'token_revoked';
  }
  // 102: the session key is no longer valid; 10 and 200–299: a permission was taken back.
  if (code === 102) return 'token_expired';
  if (code === 10 || (code !== undefined && code >= 200 && code <= 299)) return 'token_revoked';
  if (code !== undefined && rateLimitCodes.has(code)) return 'rate_limited';
  // 80000–80014: the business use case limits (80002: too many calls to this Instagram account).
  if (code !== undefined && code >= 80000 && code <= 80014) return 'rate_limited';
  if (code === PUBLISHING_LIMIT_CODE || subcode === 2207042) return 'rate_limited';
  if (subcode !== undefined && subcode >= 2207000 && subcode <= 2207999) {
    return transientMediaSubcodes.has(subcode) ? 'unavailable' : 'media_failed';
  }
  // 1: unknown error, 2: service temporarily unavailable.
  if (code === 1 || code === 2) return 'unavailable';
  // 100/33 and 803: the object (post, container, account) is not there.
  if ((code === 100 && subcode === 33) || code === 803) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'unavailable';
  if (status === 404) return 'not_found';
  if (status === 401) return 'token_expired';
  return 'invalid_request';
}

/**
 * How long to wait, when the network says: `Retry-After` (seconds), else the business use case
 * header's `estimated_time_to_regain_access` (minutes).
 */
export function retryAfterSeconds(headers: Headers): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - Date.now()) / 1000));
  }
  const usage = headers.get('x-business-use-case-usage');
  if (usage) {
    try {
      const minutes = Object.values(JSON.parse(usage) as Record<string, unknown>)
        .flat()
        .map((entry) =>
          numberOrUndefined((entry as Record<string, unknown>)?.estimated_time_to_regain_access),
        )
        .filter((value): value is number => value !== undefined && value > 0);
      if (minutes.length > 0) return Math.max(...minutes) * 60;
    } catch {
      // A header we cannot read says nothing.
    }
  }
  return undefined;
}

/**
 * The error for a failed answer. `what` names the call (method and path, never its query): the
 * message never carries a token or a secret.
 */
export function graphError(
  what: string,
  status: number,
  body: unknown,
  headers: Headers,
  secrets: readonly (string | undefined)[] = [],
): SocialNetworkError {
  const error = readGraphErrorBody(body);
  const kind = graphErrorKind(status, error);
  // The network's own words, minus any secret it might echo back.
  const said = error.message ? `: ${redactSecrets(error.message, secrets)}` : '';
  return new SocialNetworkError(kind, `Instagram answered ${status} to ${what}${said}`, {
    code: error.code,
    subcode: error.subcode,
    retryAfterSeconds: kind === 'rate_limited' ? retryAfterSeconds(headers) : undefined,
  });
}

function numberOrUndefined(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value);
  }
  return undefined;
}
