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

    /** The notifications of the given inboxes (a user's own, and their brand's), newest first. */
    async list(inboxes: string[], limit: number): Promise<NotificationList> {
      const recipientId = { in: inboxes };
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

    /** Marks a notification of the caller's inboxes read; false when it is not theirs or not there. */
    async markRead(inboxes: string[], notificationId: string): Promise<boolean> {
      const { count } = await db.notification.updateMany({
        where: { id: notificationId, recipientId: { in: inboxes } },
        data: { readAt: new Date() },
      });
      return count > 0;
    },

    async ping(): Promise<void> {
      await db.$queryRaw`SELECT 1`;
    },
  };
}
