import {
  olderThan,
  traceColumns,
  type Identity,
  type PagePosition,
} from '@campaign/service-runtime';
import type { Conversation } from '../generated/prisma/client';
import type { MessagingDb } from './prisma-client';

/** Who takes part in a conversation: its brand's users, its influencer, and ops (who help). */
export function takesPart(identity: Identity, conversation: Conversation): boolean {
  return (
    identity.role === 'ops' ||
    (identity.role === 'brand' && conversation.brandId === identity.brandId) ||
    (identity.role === 'influencer' && conversation.influencerId === identity.userId)
  );
}

export type ConversationStore = ReturnType<typeof createConversationStore>;

export function createConversationStore(db: MessagingDb) {
  return {
    /**
     * Up to `limit + 1` conversations a caller takes part in (a brand's, an influencer's own, any
     * for ops), newest first, after `after`.
     */
    list(identity: Identity, limit: number, after: PagePosition | null) {
      const mine =
        identity.role === 'brand'
          ? { brandId: identity.brandId }
          : identity.role === 'influencer'
            ? { influencerId: identity.userId }
            : {};
      return db.conversation.findMany({
        where: { ...mine, ...olderThan(after) },
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        take: limit + 1,
      });
    },

    /** Posts a message in the brand–influencer conversation of a campaign; its id makes it once. */
    async deliver(message: {
      messageId: string;
      campaignId: string;
      brandId: string;
      influencerId: string;
      senderId: string;
      body: string;
      at: Date;
    }): Promise<void> {
      const { campaignId, brandId, influencerId } = message;
      const conversation = await db.conversation.upsert({
        where: { brandId_influencerId_campaignId: { brandId, influencerId, campaignId } },
        create: { brandId, influencerId, campaignId },
        update: {},
      });
      await db.message.createMany({
        data: [
          {
            id: message.messageId,
            conversationId: conversation.id,
            senderId: message.senderId,
            senderRole: 'brand',
            body: message.body,
            createdAt: message.at,
            // The invitation's own notification tells the influencer; no chat notice on top.
            announcedAt: message.at,
          },
        ],
        skipDuplicates: true,
      });
    },

    /** Posts a message as the caller; null when the conversation is not theirs (or not there). */
    async post(identity: Identity, conversationId: string, body: string) {
      const conversation = await db.conversation.findUnique({ where: { id: conversationId } });
      if (!conversation || !takesPart(identity, conversation)) return null;
      return db.message.create({
        data: {
          conversationId,
          senderId: identity.userId,
          senderRole: identity.role,
          body,
          // The post's trace: the relay announces the message with it.
          ...traceColumns(),
        },
      });
    },

    /**
     * Up to `limit + 1` of a conversation's messages before `before`, newest first, for its
     * participants only (null when not theirs).
     */
    async messages(
      identity: Identity,
      conversationId: string,
      limit: number,
      before: PagePosition | null,
    ) {
      const conversation = await db.conversation.findUnique({ where: { id: conversationId } });
      if (!conversation || !takesPart(identity, conversation)) return null;
      return db.message.findMany({
        where: { conversationId, ...olderThan(before, 'desc') },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: limit + 1,
      });
    },

    async ping(): Promise<void> {
      await db.$queryRaw`SELECT 1`;
    },
  };
}
