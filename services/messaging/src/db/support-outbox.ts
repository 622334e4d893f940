import type { SupportMessagePosted } from '@campaign/contracts';
import type { SupportConversation, SupportMessage } from '../generated/prisma/client';
import type { MessagingDb } from './prisma-client';

export type SupportOutbox = ReturnType<typeof createSupportOutbox>;

const PREVIEW_LENGTH = 140;

/**
 * Support messages are their own outbox, as chat messages are (`message-outbox.ts`): stored with
 * the post, announced on Kafka by the relay afterwards. The event id is the message id, so an
 * announcement repeated after a crash is one the consumers already have.
 */
export function createSupportOutbox(db: MessagingDb) {
  return {
    /**
     * Announces up to `limit` owed messages, oldest first, and marks them, in one transaction that
     * holds their rows (replicas skip what another is announcing; a failed publish leaves them
     * owed). Returns how many were announced.
     */
    announceOwed(
      limit: number,
      publish: (events: SupportMessagePosted[]) => Promise<void>,
    ): Promise<number> {
      return db.$transaction(
        async (tx) => {
          const claimed = await tx.$queryRaw<{ id: string }[]>`
            SELECT id FROM support_messages WHERE announced_at IS NULL
            ORDER BY created_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
          if (claimed.length === 0) return 0;
          const ids = claimed.map((row) => row.id);
          const rows = await tx.supportMessage.findMany({
            where: { id: { in: ids } },
            orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
            include: { conversation: true },
          });
          await publish(rows.map(toSupportMessagePosted));
          await tx.supportMessage.updateMany({
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

function toSupportMessagePosted(
  row: SupportMessage & { conversation: SupportConversation },
): SupportMessagePosted {
  const { conversation } = row;
  return {
    id: row.id,
    type: 'SupportMessagePosted',
    version: 1,
    occurredAt: row.createdAt.toISOString(),
    subject: row.conversationId,
    payload: {
      messageId: row.id,
      conversationId: row.conversationId,
      campaignId: conversation.campaignId,
      requester:
        conversation.requesterRole === 'brand'
          ? { role: 'brand', brandId: conversation.brandId ?? '', userId: conversation.requesterId }
          : { role: 'influencer', userId: conversation.requesterId },
      senderId: row.senderId,
      senderRole:
        row.senderRole === 'ops' || row.senderRole === 'influencer' ? row.senderRole : 'brand',
      assigneeId: row.assigneeId,
      preview:
        row.body.length <= PREVIEW_LENGTH ? row.body : `${row.body.slice(0, PREVIEW_LENGTH - 1)}…`,
      at: row.createdAt.toISOString(),
    },
  };
}
