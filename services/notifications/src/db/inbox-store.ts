import type { NotificationList } from '@campaign/contracts';
import { NotificationKind } from '@campaign/contracts';
import type { NotificationDraft } from '../domain/notifications-for-event';
import type { NotificationsDb } from './prisma-client';

export type InboxStore = ReturnType<typeof createInboxStore>;

export function createInboxStore(db: NotificationsDb) {
  return {
    /** Delivers each draft once per (event, recipient), however often the event arrives. */
    async deliver(eventId: string, drafts: NotificationDraft[]): Promise<number> {
      if (drafts.length === 0) return 0;
      const { count } = await db.notification.createMany({
        data: drafts.map((draft) => ({ eventId, ...draft })),
        skipDuplicates: true,
      });
      return count;
    },

    async list(recipientId: string, limit: number): Promise<NotificationList> {
      const [rows, unread] = await Promise.all([
        db.notification.findMany({
          where: { recipientId },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          take: limit,
        }),
        db.notification.count({ where: { recipientId, readAt: null } }),
      ]);
      return {
        unread,
        items: rows.map((row) => ({
          id: row.id,
          kind: NotificationKind.parse(row.kind),
          title: row.title,
          body: row.body,
          campaignId: row.campaignId,
          readAt: row.readAt?.toISOString() ?? null,
          createdAt: row.createdAt.toISOString(),
        })),
      };
    },

    /** Marks the recipient's own notification read; false when it is not theirs or not there. */
    async markRead(recipientId: string, notificationId: string): Promise<boolean> {
      const { count } = await db.notification.updateMany({
        where: { id: notificationId, recipientId },
        data: { readAt: new Date() },
      });
      return count > 0;
    },

    async ping(): Promise<void> {
      await db.$queryRaw`SELECT 1`;
    },
  };
}
