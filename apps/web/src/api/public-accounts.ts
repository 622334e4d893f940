import { campaignApi } from './clients';
import type { Problem } from './problem';

/**
 * The campaign service's public routes (sign-up, sign-in links and sessions), on the generated
 * client, answered as data or as the problem that refused them.
 */
type Outcome<T> = { data: T; problem?: never } | { data?: never; problem: Problem };

async function outcome<T>(call: Promise<{ data?: T; error?: unknown }>): Promise<Outcome<T>> {
  const { data, error } = await call;
  return data !== undefined ? { data } : { problem: (error ?? {}) as Problem };
}

export const requestSignInLink = (email: string) =>
  outcome(campaignApi.POST('/sign-in/links', { body: { email } }));

export const exchangeSignInCode = (code: string) =>
  outcome(campaignApi.POST('/sign-in/sessions', { body: { code } }));

export const signUpBrand = (body: { brandName: string; name: string; email: string }) =>
  outcome(campaignApi.POST('/accounts/brands', { body }));

export const signUpInfluencer = (body: {
  displayName: string;
  handle: string;
  email: string;
  country: string;
}) => outcome(campaignApi.POST('/accounts/influencers', { body }));
