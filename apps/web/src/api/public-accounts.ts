import type { Problem } from './problem';

/**
 * The public accounts routes of the campaign service (sign-up, sign-in links and sessions).
 * They are built on another branch at the same time as this app; until that branch is in, the
 * generated documents do not have them yet, so these few calls go through plain `fetch` with the
 * contract's shapes. Once merged: `pnpm api:generate` and call them on `campaignApi` instead.
 */
export type SignInSession = {
  token: string;
  expiresAt: string;
  identity: { role: 'brand' | 'influencer' | 'ops'; userId: string; brandId?: string };
};

type Outcome<T> = { data: T; problem?: never } | { data?: never; problem: Problem };

async function postPublic<T>(path: string, body: object): Promise<Outcome<T>> {
  const response = await fetch(`/api/campaign${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify(body),
  });
  const json = (await response.json().catch(() => ({}))) as unknown;
  return response.ok ? { data: json as T } : { problem: json as Problem };
}

export const requestSignInLink = (email: string) =>
  postPublic<{ status: 'link_sent' }>('/sign-in/links', { email });

export const exchangeSignInCode = (code: string) =>
  postPublic<SignInSession>('/sign-in/sessions', { code });

export const signUpBrand = (body: { brandName: string; name: string; email: string }) =>
  postPublic<{ status: 'link_sent' }>('/accounts/brands', body);

export const signUpInfluencer = (body: {
  displayName: string;
  handle: string;
  email: string;
  country: string;
}) => postPublic<{ status: 'link_sent' }>('/accounts/influencers', body);
