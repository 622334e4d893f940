import type { MessagePosted } from '@campaign/contracts';
import type { Conversation, Message } from '../generated/prisma/client';
import type { TracedEvent } from '@campaign/service-runtime';
import { announceOwed, preview, senderRole, type OwedMessages } from './owed-announcements';
import type { MessagingDb } from './prisma-client';

export type MessageOutbox = ReturnType<typeof createMessageOutbox>;

/**
 * Messages are their own outbox: stored in the same write as the post, announced on Kafka later
 * by the relay. The event id is the message id, so announcing twice (a crash after publishing,
 * before the commit) is harmless.
 */
export function createMessageOutbox(db: MessagingDb) {
  const owed: OwedMessages<Message & { conversation: Conversation }, MessagePosted> = {
    claim: (tx, limit) => tx.$queryRaw`
      SELECT id FROM messages WHERE announced_at IS NULL
      ORDER BY created_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
    load: (tx, ids) =>
      tx.message.findMany({
        where: { id: { in: ids } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        include: { conversation: true },
      }),
    markAnnounced: (tx, ids) =>
      tx.message.updateMany({ where: { id: { in: ids } }, data: { announcedAt: new Date() } }),
    toEvent: toMessagePosted,
  };
  return {
    /** Announces up to `limit` owed messages (see `announceOwed`); returns how many. */
    announceOwed: (limit: number, publish: (events: TracedEvent[]) => Promise<void>) =>
      announceOwed(db, owed, limit, publish),
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
