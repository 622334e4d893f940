import { bearer, bearers, call, storeInfluencers } from './campaign-actors';
import type { CampaignService } from './campaign-service';

/**
 * The huge campaign's cast, stored straight in the campaign service's database under ids of
 * their own (so it runs on the same rig after hot-campaign): a brand on a plan with the Network
 * (it invites), an ops user, and `influencers` profiles, each with a token the service accepts.
 */
export async function seedHugeCast(service: CampaignService, influencers: number) {
  const brandId = 'bench-huge-brand';
  await service.db.brand.create({
    data: { id: brandId, name: 'Bench Huge Brand', plan: 'enterprise' },
  });
  const ids = await storeInfluencers(service, 'bench-huge', influencers);
  return {
    ids,
    brand: await bearer(service, { role: 'brand', userId: 'bench-huge-brand-user', brandId }),
    ops: await bearer(service, { role: 'ops', userId: 'bench-huge-ops' }),
    influencers: await bearers(service, ids),
  };
}

export type HugeCast = Awaited<ReturnType<typeof seedHugeCast>>;

/** One request to the campaign service (`call`: throws on a refusal), answering its JSON body. */
export async function request<T = unknown>(
  service: CampaignService,
  method: 'GET' | 'POST',
  path: string,
  auth: string,
  body?: object,
): Promise<T> {
  const text = await (await call(service, method, path, auth, body)).text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** `ids` in consecutive slices of at most `size`. */
export function chunks<T>(ids: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let from = 0; from < ids.length; from += size) result.push(ids.slice(from, from + size));
  return result;
}
