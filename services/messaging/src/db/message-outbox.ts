import type { MessagePosted } from '@campaign/contracts';
import type { MessagingDb } from './prisma-client';

export type MessageOutbox = ReturnType<typeof createMessageOutbox>;

const PREVIEW_LENGTH = 140;

/**
 * Messages are their own outbox: stored in the same write as the post, announced on Kafka later
 * by the relay. The event id is the message id, so announcing twice is harmless.
 */
export function createMessageOutbox(db: MessagingDb) {
  return {
    async owed(limit: number): Promise<MessagePosted[]> {
      const rows = await db.message.findMany({
        where: { announcedAt: null },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: limit,
        include: { conversation: true },
      });
      return rows.map((row) => ({
        id: row.id,
        type: 'MessagePosted',
        version: 1,
        occurredAt: row.createdAt.toISOString(),
        subject: row.conversationId,
        payload: {
          messageId: row.id,
          conversationId: row.conversationId,
          campaignId: row.conversation.campaignId,
          brandId: row.conversation.brandId,
          influencerId: row.conversation.influencerId,
          senderId: row.senderId,
          senderRole: senderRole(row.senderRole),
          preview: preview(row.body),
          at: row.createdAt.toISOString(),
        },
      }));
    },

    async announced(messageIds: string[]): Promise<void> {
      await db.message.updateMany({
        where: { id: { in: messageIds }, announcedAt: null },
        data: { announcedAt: new Date() },
      });
    },
  };
}

function senderRole(role: string): MessagePosted['payload']['senderRole'] {
  return role === 'influencer' || role === 'ops' ? role : 'brand';
}

function preview(body: string): string {
  return body.length <= PREVIEW_LENGTH ? body : `${body.slice(0, PREVIEW_LENGTH - 1)}…`;
}
