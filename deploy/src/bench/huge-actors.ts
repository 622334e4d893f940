import { issueToken, type Identity } from '@campaign/service-runtime';
import type { CampaignService } from './campaign-service';

/** Tokens signed at once: enough to keep the cores busy, few enough to hold little memory. */
const TOKENS_PER_ROUND = 5_000;

/**
 * The huge campaign's cast, stored straight in the campaign service's database under ids of
 * their own (so it runs on the same rig after hot-campaign): a brand on a plan with the Network
 * (it invites), an ops user, and `influencers` profiles, each with a token the service accepts.
 * Profiles go in a few thousand at a time; tokens are signed in parallel rounds (100,000 take a
 * few seconds), not one after the other.
 */
export async function seedHugeCast(service: CampaignService, influencers: number) {
  const brandId = 'bench-huge-brand';
  await service.db.brand.create({
    data: { id: brandId, name: 'Bench Huge Brand', plan: 'enterprise' },
  });
  const ids = Array.from(
    { length: influencers },
    (_, i) => `bench-huge-${String(i + 1).padStart(6, '0')}`,
  );
  for (let from = 0; from < ids.length; from += 5_000) {
    await service.db.influencerProfile.createMany({
      data: ids.slice(from, from + 5_000).map((id, i) => ({
        id,
        handle: `@huge${from + i + 1}`,
        displayName: `Huge creator ${from + i + 1}`,
        niches: ['beauty'],
        country: 'NL',
        followers: 10_000,
        engagementRate: 3.5,
        shippingAddress: { street: 'Keizersgracht 1', city: 'Amsterdam', country: 'NL' },
      })),
    });
  }
  const bearer = async (identity: Identity) =>
    `Bearer ${await issueToken(identity, service.authSecret)}`;
  const tokens: string[] = [];
  for (let from = 0; from < ids.length; from += TOKENS_PER_ROUND) {
    tokens.push(
      ...(await Promise.all(
        ids
          .slice(from, from + TOKENS_PER_ROUND)
          .map((id) => bearer({ role: 'influencer', userId: id })),
      )),
    );
  }
  return {
    ids,
    brand: await bearer({ role: 'brand', userId: 'bench-huge-brand-user', brandId }),
    ops: await bearer({ role: 'ops', userId: 'bench-huge-ops' }),
    influencers: tokens,
  };
}

export type HugeCast = Awaited<ReturnType<typeof seedHugeCast>>;

/**
 * One request to the campaign service; answers the parsed JSON body, or throws an error named
 * after the status (the load counts errors by kind) with the problem's title.
 */
export async function request<T = unknown>(
  service: CampaignService,
  method: 'GET' | 'POST',
  path: string,
  auth: string,
  body?: object,
): Promise<T> {
  const response = await fetch(`${service.url}${path}`, {
    method,
    headers: {
      authorization: auth,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  // Read to the end either way, so the keep-alive connection is free for the next request.
  const text = await response.text();
  const parsed = (() => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  })();
  if (response.ok) return parsed as T;
  const title =
    typeof parsed === 'object' && parsed !== null && 'title' in parsed
      ? String(parsed.title)
      : String(parsed).slice(0, 100);
  throw Object.assign(new Error(`${method} ${path.replace(/[0-9a-f-]{36}/g, ':id')}: ${title}`), {
    name: `HTTP ${response.status}`,
  });
}

/** `ids` in consecutive slices of at most `size`. */
export function chunks<T>(ids: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let from = 0; from < ids.length; from += size) result.push(ids.slice(from, from + size));
  return result;
}
