import type { CampaignEvent } from '@campaign/contracts';
import { brandTeamKey, influencerKey } from '@campaign/service-runtime';

/**
 * Who a campaign event shows the campaign belongs to or concerns: its brand (as the brand's team:
 * every user of the brand) and every influencer it names (an applicant, an invitee, one sent an
 * agreement, a collaborator, one passed over). A support conversation may name a campaign only
 * of its requester's, and this is how the Messenger, which owns no campaigns, knows whose it is.
 * Pure.
 */
export function campaignParties(event: CampaignEvent): string[] {
  const payload: { brandId: string } & Partial<
    Record<'influencerId', string> & Record<'influencerIds' | 'group' | 'others', string[]>
  > = event.payload;
  const influencers = [
    ...(payload.influencerId === undefined ? [] : [payload.influencerId]),
    ...(payload.influencerIds ?? []),
    ...(payload.group ?? []),
    ...(payload.others ?? []),
  ];
  return [brandTeamKey(payload.brandId), ...[...new Set(influencers)].map(influencerKey)];
}
