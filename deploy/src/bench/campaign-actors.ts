import type { CampaignSchedule } from '@campaign/contracts';
import { issueToken, type Identity } from '@campaign/service-runtime';
import type { CampaignService } from './campaign-service';

/**
 * The brand and the influencers a scenario acts as, stored straight in the campaign service's
 * database (thousands of profiles in a few inserts), each with a token the service accepts.
 * Several scenarios share one rig, so a second call keeps what an earlier one stored.
 */
export async function seedActors(service: CampaignService, influencers: number) {
  const brandId = 'bench-brand';
  await service.db.brand.upsert({
    where: { id: brandId },
    create: { id: brandId, name: 'Bench Brand', plan: 'enterprise' },
    update: {},
  });
  const ids = await storeInfluencers(service, 'bench-influencer', influencers);
  return {
    brand: await bearer(service, { role: 'brand', userId: 'bench-brand-user', brandId }),
    influencers: await bearers(service, ids),
    influencerIds: ids,
  };
}

/** Profiles go in a few thousand an insert; one stored already (an earlier scenario's) stays. */
const PROFILES_PER_INSERT = 5_000;
/** Tokens signed at once: enough to keep the cores busy, few enough to hold little memory. */
const TOKENS_PER_ROUND = 5_000;

/** `count` influencer profiles with ids `<prefix>-000001`…, qualified for any bench campaign. */
export async function storeInfluencers(
  service: CampaignService,
  prefix: string,
  count: number,
): Promise<string[]> {
  const ids = Array.from(
    { length: count },
    (_, i) => `${prefix}-${String(i + 1).padStart(6, '0')}`,
  );
  for (let from = 0; from < ids.length; from += PROFILES_PER_INSERT) {
    await service.db.influencerProfile.createMany({
      data: ids.slice(from, from + PROFILES_PER_INSERT).map((id) => ({
        id,
        handle: `@${id}`,
        displayName: `Creator ${id.slice(prefix.length + 1)}`,
        niches: ['beauty'],
        country: 'NL',
        followers: 10_000,
        engagementRate: 3.5,
        shippingAddress: { street: 'Keizersgracht 1', city: 'Amsterdam', country: 'NL' },
      })),
      skipDuplicates: true,
    });
  }
  return ids;
}

export const bearer = async (service: CampaignService, identity: Identity) =>
  `Bearer ${await issueToken(identity, service.authSecret)}`;

/** The influencers' tokens, signed in parallel rounds (100,000 take a few seconds). */
export async function bearers(service: CampaignService, influencerIds: string[]) {
  const tokens: string[] = [];
  for (let from = 0; from < influencerIds.length; from += TOKENS_PER_ROUND) {
    const round = influencerIds.slice(from, from + TOKENS_PER_ROUND);
    tokens.push(
      ...(await Promise.all(
        round.map((id) => bearer(service, { role: 'influencer', userId: id })),
      )),
    );
  }
  return tokens;
}

/**
 * Creates and publishes a campaign over HTTP; answers once it is open for applications. The
 * schedule's periods default to the product's week (`CampaignSchedule` in the contracts).
 */
export async function publishCampaign(
  service: CampaignService,
  brandAuth: string,
  schedule: Partial<CampaignSchedule> = {},
) {
  const created = await call(service, 'POST', '/campaigns', brandAuth, {
    title: 'Bench glow',
    brief: 'Show our SPF in your morning routine',
    schedule,
    qualifications: {},
  });
  const { id } = (await created.json()) as { id: string };
  await (await call(service, 'POST', `/campaigns/${id}/publish`, brandAuth)).arrayBuffer();
  const deadline = Date.now() + 60_000;
  while ((await service.db.campaign.findUniqueOrThrow({ where: { id } })).status !== 'published') {
    if (Date.now() > deadline) throw new Error(`campaign ${id} was not published within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return id;
}

/** One application over HTTP; throws unless the service answers 201 (the bench counts errors). */
export async function apply(service: CampaignService, campaignId: string, influencerAuth: string) {
  // Read to the end, so the keep-alive connection is free for the client's next request.
  await (
    await call(service, 'POST', `/campaigns/${campaignId}/applications`, influencerAuth)
  ).arrayBuffer();
}

/** One request to a service of the rig; throws the refusal's title unless it answers 2xx. */
export async function call(
  service: { url: string },
  method: string,
  path: string,
  auth: string,
  body?: object,
): Promise<Response> {
  const response = await fetch(`${service.url}${path}`, {
    method,
    headers: {
      authorization: auth,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (response.ok) return response;
  const text = await response.text();
  const title = (() => {
    try {
      return (JSON.parse(text) as { title?: string }).title ?? text;
    } catch {
      return text;
    }
  })();
  throw Object.assign(new Error(`${method} ${path.replace(/[0-9a-f-]{36}/g, ':id')}: ${title}`), {
    name: `HTTP ${response.status}`,
  });
}
