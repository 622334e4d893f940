import {
  StreamListener,
  type Identity,
  type Logger,
  type StreamRow,
} from '@campaign/service-runtime';
import { toMessageView } from '../routes/message-view';
import { takesPart } from './conversation-store';
import type { MessagingDb } from './prisma-client';

/** The channel the messages table's trigger announces each new row on (live_conversations). */
export const CONVERSATION_CHANNEL = 'conversation_live';

/** One per process: every live conversation this replica serves waits on it. Call `start()`. */
export function createConversationListener(databaseUrl: string, logger: Logger): StreamListener {
  return new StreamListener({ databaseUrl, channel: CONVERSATION_CHANNEL, logger });
}

export type LiveConversations = ReturnType<typeof createLiveConversations>;

/** What following a conversation reads: who may, how far it is, and its messages after a point. */
export function createLiveConversations(db: MessagingDb) {
  return {
    /** Whether the caller takes part in the conversation (its brand, its influencer, ops). */
    async mayFollow(identity: Identity, conversationId: string): Promise<boolean> {
      const conversation = await db.conversation.findUnique({ where: { id: conversationId } });
      return conversation !== null && takesPart(identity, conversation);
    },

    /** The conversation's last position (0 before its first message). */
    async head(conversationId: string): Promise<number> {
      const last = await db.message.findFirst({
        where: { conversationId },
        orderBy: { position: 'desc' },
        select: { position: true },
      });
      return Number(last?.position ?? 0);
    },

    /** Up to `limit` messages after `position`, in position order, as the API shows messages. */
    async after(conversationId: string, position: number, limit: number): Promise<StreamRow[]> {
      const rows = await db.message.findMany({
        where: { conversationId, position: { gt: position } },
        orderBy: { position: 'asc' },
        take: limit,
      });
      return rows.map((row) => ({
        position: Number(row.position),
        event: 'message',
        data: toMessageView(row),
      }));
    },
  };
}
