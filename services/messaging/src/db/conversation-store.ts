import type { Identity } from '@campaign/service-runtime';
import type { MessagingDb } from './prisma-client';

export type ConversationStore = ReturnType<typeof createConversationStore>;

export function createConversationStore(db: MessagingDb) {
  return {
    /** The conversations a caller takes part in: a brand's, or an influencer's own. */
    list(identity: Identity) {
      const where =
        identity.role === 'brand'
          ? { brandId: identity.brandId }
          : identity.role === 'influencer'
            ? { influencerId: identity.userId }
            : {};
      return db.conversation.findMany({ where, orderBy: { createdAt: 'desc' }, take: 100 });
    },

    async ping(): Promise<void> {
      await db.$queryRaw`SELECT 1`;
    },
  };
}
