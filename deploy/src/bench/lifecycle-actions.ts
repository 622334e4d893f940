import type { CampaignService } from './campaign-service';
import { call } from './campaign-actors';
import { chunks } from './huge-actors';

/**
 * The lifecycle actions a scenario takes over HTTP, beyond applying (campaign-actors.ts), as the
 * web app takes them. Each reads its answer to the end, so the keep-alive connection is free for
 * the client's next request, and throws unless the service accepted.
 */

/** The API takes up to 10,000 ids per request; the product's bulk actions send at most 1,000. */
const BULK = 1_000;

/** The brand invites an influencer from the Network; the influencer's inbox hears of it. */
export async function invite(
  service: CampaignService,
  campaignId: string,
  brandAuth: string,
  influencerId: string,
) {
  await (
    await call(service, 'POST', `/campaigns/${campaignId}/invitations`, brandAuth, {
      influencerId,
    })
  ).arrayBuffer();
}

/** The brand selects applicants, a thousand at a time (nobody is told yet). */
export async function select(
  service: CampaignService,
  campaignId: string,
  brandAuth: string,
  influencerIds: string[],
) {
  for (const ids of inBulk(influencerIds)) {
    await (
      await call(service, 'POST', `/campaigns/${campaignId}/selection`, brandAuth, {
        influencerIds: ids,
        status: 'selected',
      })
    ).arrayBuffer();
  }
}

/** The brand sends agreements to selected influencers, a thousand at a time. */
export async function sendAgreements(
  service: CampaignService,
  campaignId: string,
  brandAuth: string,
  influencerIds: string[],
) {
  for (const ids of inBulk(influencerIds)) {
    await (
      await call(service, 'POST', `/campaigns/${campaignId}/agreements`, brandAuth, {
        influencerIds: ids,
      })
    ).arrayBuffer();
  }
}

/** An influencer signs their agreement. */
export async function sign(service: CampaignService, campaignId: string, influencerAuth: string) {
  await (
    await call(service, 'POST', `/campaigns/${campaignId}/agreement/sign`, influencerAuth)
  ).arrayBuffer();
}

/** Ops close a campaign before its schedule would. */
export async function closeEarly(service: CampaignService, campaignId: string, opsAuth: string) {
  await (
    await call(service, 'POST', `/campaigns/${campaignId}/close`, opsAuth, {
      reason: 'bench: every agreement is signed',
    })
  ).arrayBuffer();
}

/** The brand presses start collaboration: the group is final and everyone hears their outcome. */
export async function startCollaboration(
  service: CampaignService,
  campaignId: string,
  brandAuth: string,
) {
  await (
    await call(service, 'POST', `/campaigns/${campaignId}/collaboration`, brandAuth)
  ).arrayBuffer();
}

/** The collaborators the campaign service lists once the collaboration has started. */
export async function collaborators(
  service: CampaignService,
  campaignId: string,
  brandAuth: string,
): Promise<string[]> {
  const response = await call(service, 'GET', `/campaigns/${campaignId}/collaborations`, brandAuth);
  const { items } = (await response.json()) as { items: { influencerId: string }[] };
  return items.map((item) => item.influencerId);
}

const inBulk = (ids: string[]) => chunks(ids, BULK);
