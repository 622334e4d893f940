import type { CampaignDb } from './prisma-client';

export type BoardView = Awaited<ReturnType<ReturnType<typeof createBoardStore>['board']>>;

/** The brand's board as the read model holds it: applicants and agreements by state. */
export function createBoardStore(db: CampaignDb) {
  return {
    async board(campaignId: string) {
      const [applications, agreements, invitations] = await Promise.all([
        db.application.findMany({ where: { campaignId }, orderBy: { appliedAt: 'asc' } }),
        db.agreement.findMany({ where: { campaignId }, orderBy: { sentAt: 'asc' } }),
        db.invitation.findMany({ where: { campaignId }, orderBy: { invitedAt: 'asc' } }),
      ]);
      const byStatus = <Row extends { status: string; influencerId: string }>(
        rows: Row[],
        statuses: string[],
      ) =>
        Object.fromEntries(
          statuses.map((status) => [
            status,
            rows.filter((row) => row.status === status).map((row) => row.influencerId),
          ]),
        );
      return {
        applicants: byStatus(applications, ['pending', 'selected', 'declined']),
        agreements: byStatus(agreements, ['pending', 'accepted', 'declined', 'expired', 'lapsed']),
        agreementDeadlines: Object.fromEntries(
          agreements.map((row) => [row.influencerId, row.deadline.toISOString()]),
        ),
        invited: invitations.map((row) => row.influencerId),
      };
    },
  };
}
