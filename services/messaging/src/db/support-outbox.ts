import type { SupportMessagePosted } from '@campaign/contracts';
import type { SupportConversation, SupportMessage } from '../generated/prisma/client';
import type { TracedEvent } from '@campaign/service-runtime';
import { announceOwed, preview, senderRole, type OwedMessages } from './owed-announcements';
import type { MessagingDb } from './prisma-client';

export type SupportOutbox = ReturnType<typeof createSupportOutbox>;

/**
 * Support messages are their own outbox, as chat messages are (`message-outbox.ts`): stored with
 * the post, announced on Kafka by the relay afterwards. The event id is the message id, so an
 * announcement repeated after a crash is one the consumers already have.
 */
export function createSupportOutbox(db: MessagingDb) {
  const owed: OwedMessages<
    SupportMessage & { conversation: SupportConversation },
    SupportMessagePosted
  > = {
    claim: (tx, limit) => tx.$queryRaw`
      SELECT id FROM support_messages WHERE announced_at IS NULL
      ORDER BY created_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
    load: (tx, ids) =>
      tx.supportMessage.findMany({
        where: { id: { in: ids } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        include: { conversation: true },
      }),
    markAnnounced: (tx, ids) =>
      tx.supportMessage.updateMany({
        where: { id: { in: ids } },
        data: { announcedAt: new Date() },
      }),
    toEvent: toSupportMessagePosted,
  };
  return {
    /** Announces up to `limit` owed support messages (see `announceOwed`); returns how many. */
    announceOwed: (limit: number, publish: (events: TracedEvent[]) => Promise<void>) =>
      announceOwed(db, owed, limit, publish),
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
      senderRole: senderRole(row.senderRole),
      assigneeId: row.assigneeId,
      preview: preview(row.body),
      at: row.createdAt.toISOString(),
    },
  };
}
