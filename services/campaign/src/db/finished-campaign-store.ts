import type { FinishedCampaign } from '../domain/finished-campaign';
import type { CampaignDb } from './prisma-client';

/**
 * What the read model holds of a campaign whose collaboration started, limited to the people an
 * action names: the rules of a finished campaign look at nobody else (a campaign may hold
 * 100,000 applicants; a late action should not read them all).
 */
export type FinishedCampaignStore = ReturnType<typeof createFinishedCampaignStore>;

export function createFinishedCampaignStore(db: CampaignDb) {
  return {
    async find(campaignId: string, influencerIds: string[]): Promise<FinishedCampaign | null> {
      const campaign = await db.campaign.findUnique({ where: { id: campaignId } });
      if (!campaign?.publishedAt || !campaign.closesAt || !campaign.collaborationStartedAt) {
        return null;
      }
      const named = { campaignId, influencerId: { in: influencerIds } };
      const [applications, invitations, agreements, collaborators] = await Promise.all([
        db.application.findMany({ where: named }),
        db.invitation.findMany({ where: named }),
        db.agreement.findMany({ where: named }),
        db.collaborator.findMany({ where: named }),
      ]);
      return {
        ...campaign,
        publishedAt: campaign.publishedAt,
        closesAt: campaign.closesAt,
        collaborationStartedAt: campaign.collaborationStartedAt,
        applicants: Object.fromEntries(applications.map((row) => [row.influencerId, row.status])),
        invited: invitations.map((row) => row.influencerId),
        agreements,
        group: collaborators.map((row) => row.influencerId),
      };
    },
  };
}
