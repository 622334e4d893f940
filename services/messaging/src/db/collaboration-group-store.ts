import { traceColumns, type Identity } from '@campaign/service-runtime';
import type { MessagingDb } from './prisma-client';

export type CollaborationGroupStore = ReturnType<typeof createCollaborationGroupStore>;

/** The group of each started collaboration, and messages to all of it at once. */
export function createCollaborationGroupStore(db: MessagingDb) {
  return {
    /**
     * Records the group when the collaboration starts and opens a one-on-one conversation with
     * each member (kept if an invitation opened it already). Safe to repeat.
     */
    async start(group: {
      campaignId: string;
      brandId: string;
      influencerIds: string[];
      startedAt: Date;
    }): Promise<void> {
      const { campaignId, brandId, startedAt } = group;
      await db.$transaction([
        db.collaborationMember.createMany({
          data: group.influencerIds.map((influencerId) => ({
            campaignId,
            influencerId,
            brandId,
            startedAt,
          })),
          skipDuplicates: true,
        }),
        db.conversation.createMany({
          data: group.influencerIds.map((influencerId) => ({ campaignId, brandId, influencerId })),
          skipDuplicates: true,
        }),
      ]);
    },

    /**
     * Posts one copy of the message in each member's conversation, in one transaction; null when
     * the caller has no started collaboration on this campaign (another brand's is not there).
     */
    async post(identity: Identity, campaignId: string, body: string) {
      const members = await db.collaborationMember.findMany({
        where: {
          campaignId,
          ...(identity.role === 'brand' ? { brandId: identity.brandId } : {}),
        },
        orderBy: { influencerId: 'asc' },
      });
      if (members.length === 0) return null;
      const conversations = await db.conversation.findMany({
        where: {
          campaignId,
          brandId: members[0]!.brandId,
          influencerId: { in: members.map((member) => member.influencerId) },
        },
        orderBy: { influencerId: 'asc' },
      });
      return db.$transaction(
        conversations.map((conversation) =>
          db.message.create({
            data: {
              conversationId: conversation.id,
              senderId: identity.userId,
              senderRole: identity.role,
              body,
              ...traceColumns(),
            },
          }),
        ),
      );
    },
  };
}
