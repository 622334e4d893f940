import type { NotificationsDb } from '../db/prisma-client';

export type NewsletterSubscriptions = ReturnType<typeof createNewsletterSubscriptions>;

/**
 * Who gets the newsletter: every influencer, until they unsubscribe (by the mail's link or the
 * API), keyed by principal. The next edition composed leaves them out; one composed before
 * still goes.
 */
export function createNewsletterSubscriptions(db: NotificationsDb) {
  return {
    async isSubscribed(recipientId: string): Promise<boolean> {
      const row = await db.newsletterUnsubscribe.findUnique({ where: { recipientId } });
      return row === null;
    },

    /** Unsubscribes; doing it again keeps the first moment and way. */
    async unsubscribe(recipientId: string, via: 'link' | 'api'): Promise<void> {
      await db.newsletterUnsubscribe.upsert({
        where: { recipientId },
        create: { recipientId, via },
        update: {},
      });
    },

    async subscribe(recipientId: string): Promise<void> {
      await db.newsletterUnsubscribe.deleteMany({ where: { recipientId } });
    },
  };
}
