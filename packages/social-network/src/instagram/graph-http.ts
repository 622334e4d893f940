import { SocialNetworkError } from '../social-network-error';
import { graphError } from './graph-error';
import { DEFAULT_TIMEOUT_MS, type InstagramGraphApiSettings } from './settings';

export type GraphCall = {
  method: 'GET' | 'POST';
  /** The endpoint, without a query. */
  url: string;
  /** GET: sent in the query string (as the Graph API expects); POST: sent as a form. */
  params: Record<string, string>;
  /** Values of `params` that are secret (tokens, the app secret, the code): kept out of errors. */
  secrets: readonly string[];
};

export type GraphHttp = (call: GraphCall) => Promise<Record<string, unknown>>;

/**
 * One call to the network with a timeout; a failed answer becomes a `SocialNetworkError` of its
 * kind, a network failure or a timeout `unavailable`. Errors name the call by method and path only:
 * tokens travel in the query, so the URL itself is never put in a message.
 */
export function graphHttp(settings: InstagramGraphApiSettings): GraphHttp {
  const fetchFn = settings.fetch ?? fetch;
  const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return async ({ method, url, params, secrets }) => {
    const what = `${method} ${new URL(url).pathname}`;
    const query = new URLSearchParams(params).toString();
    let response: Response;
    try {
      response = await fetchFn(method === 'GET' ? `${url}?${query}` : url, {
        method,
        headers:
          method === 'POST'
            ? { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }
            : { accept: 'application/json' },
        body: method === 'POST' ? query : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw new SocialNetworkError(
        'unavailable',
        timedOut
          ? `Instagram did not answer ${what} within ${timeoutMs} ms`
          : `Instagram could not be reached for ${what}`,
      );
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    if (!response.ok) throw graphError(what, response.status, body, response.headers, secrets);
    if (!body || typeof body !== 'object') {
      throw new SocialNetworkError('unavailable', `Instagram answered ${what} without JSON`);
    }
    return body as Record<string, unknown>;
  };
}
