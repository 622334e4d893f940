/**
 * How the adapter reaches Instagram. `baseUrl` is the one setting that switches between the real
 * API and the local Graph API: unset, the production hosts are used (each endpoint on its own host,
 * as Instagram serves them); set, every endpoint is served under that one base.
 */
export type InstagramGraphApiSettings = {
  baseUrl?: string;
  apiVersion?: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scopes?: readonly string[];
  /** Per request: a network that does not answer within it is `unavailable`. */
  timeoutMs?: number;
  fetch?: typeof fetch;
};

export const DEFAULT_API_VERSION = 'v23.0';
export const DEFAULT_TIMEOUT_MS = 10_000;
/** What the platform asks of an account: its profile and insights, and publishing (the story). */
export const DEFAULT_SCOPES = ['instagram_business_basic', 'instagram_business_content_publish'];

/** Where each part of the API lives. */
export type InstagramHosts = {
  /** The page the influencer is sent to (`/oauth/authorize`). */
  authorize: string;
  /** The code exchange (`/oauth/access_token`). */
  oauth: string;
  /** Long-lived tokens, their refresh and the Graph API itself. */
  graph: string;
};

const productionHosts: InstagramHosts = {
  authorize: 'https://www.instagram.com',
  oauth: 'https://api.instagram.com',
  graph: 'https://graph.instagram.com',
};

export function instagramHosts(baseUrl: string | undefined): InstagramHosts {
  if (!baseUrl) return productionHosts;
  const base = baseUrl.replace(/\/+$/, '');
  return { authorize: base, oauth: base, graph: base };
}
