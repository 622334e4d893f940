import type { MessagePosted } from '@campaign/contracts';
import type { Conversation, Message } from '../generated/prisma/client';
import type { MessagingDb } from './prisma-client';

export type MessageOutbox = ReturnType<typeof createMessageOutbox>;

const PREVIEW_LENGTH = 140;

/**
 * Messages are their own outbox: stored in the same write as the post, announced on Kafka later
 * by the relay. The event id is the message id, so announcing twice (a crash after publishing,
 * before the commit) is harmless.
 */
export function createMessageOutbox(db: MessagingDb) {
  return {
    /**
     * Announces up to `limit` owed messages, oldest first, and marks them, in one transaction
     * that holds their rows: replicas of the relay skip rows another one is announcing, and a
     * failed publish leaves them owed. Returns how many were announced.
     */
    announceOwed(
      limit: number,
      publish: (events: MessagePosted[]) => Promise<void>,
    ): Promise<number> {
      return db.$transaction(
        async (tx) => {
          const claimed = await tx.$queryRaw<{ id: string }[]>`
            SELECT id FROM messages WHERE announced_at IS NULL
            ORDER BY created_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
          if (claimed.length === 0) return 0;
          const ids = claimed.map((row) => row.id);
          const rows = await tx.message.findMany({
            where: { id: { in: ids } },
            orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
            include: { conversation: true },
          });
          await publish(rows.map(toMessagePosted));
          await tx.message.updateMany({
            where: { id: { in: ids } },
            data: { announcedAt: new Date() },
          });
          return rows.length;
        },
        { timeout: 30_000 },
      );
    },
  };
}

function toMessagePosted(row: Message & { conversation: Conversation }): MessagePosted {
  return {
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
  };
}

function senderRole(role: string): MessagePosted['payload']['senderRole'] {
  return role === 'influencer' || role === 'ops' ? role : 'brand';
}

function preview(body: string): string {
  return body.length <= PREVIEW_LENGTH ? body : `${body.slice(0, PREVIEW_LENGTH - 1)}…`;
}
