import type { NotificationList } from '@campaign/contracts';
import { MUST_REACH_KINDS, NotificationKind } from '@campaign/contracts';
import type { StreamRow } from '@campaign/service-runtime';
import type { NotificationDraft } from '../domain/notifications-for-event';
import type { Notification } from '../generated/prisma/client';
import type { NotificationsDb } from './prisma-client';

type NotificationItem = NotificationList['items'][number];

function toItem(row: Notification): NotificationItem {
  return {
    id: row.id,
    kind: NotificationKind.parse(row.kind),
    title: row.title,
    body: row.body,
    campaignId: row.campaignId,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export type InboxStore = ReturnType<typeof createInboxStore>;

export function createInboxStore(
  db: NotificationsDb,
  options: {
    /** Called after a delivery committed new rows (their mails are owed): wakes the mail sender. */
    onDelivered?: () => void;
  } = {},
) {
  return {
    /**
     * Delivers each draft once per (event, recipient), however often the event arrives, and owes
     * its mail in the same transaction: one mail row per (event, recipient, kind), so a mail is
     * owed exactly when its notification exists and its recipient wants that kind by e-mail.
     */
    async deliver(eventId: string, drafts: NotificationDraft[]): Promise<number> {
      if (drafts.length === 0) return 0;
      // Each row locks its inbox's head until commit (the position trigger): rows in one order,
      // whatever the event, so two deliveries sharing inboxes never wait for each other in a ring.
      const ordered = [...drafts].sort((a, b) =>
        a.recipientId < b.recipientId ? -1 : a.recipientId > b.recipientId ? 1 : 0,
      );
      const count = await db.$transaction(async (tx) => {
        const created = await tx.notification.createManyAndReturn({
          data: ordered.map((draft) => ({ eventId, ...draft })),
          skipDuplicates: true,
          select: { id: true },
        });
        // Mail is owed for the notifications this delivery stored, never for those a redelivered
        // event finds there already (their mail was owed, or not, when they were stored). Owed
        // when the recipient's preference for the kind is e-mail, read here, in the same
        // transaction: a kind nobody chose for has no row and is mailed; a must-reach kind always
        // is. Team inboxes (a brand's, support's) are nobody's principal key, so no preference row
        // can name them: they are mailed as before.
        const stored = created.map((row) => row.id);
        if (stored.length === 0) return 0;
        await tx.$executeRaw`
          INSERT INTO mail_outbox (id, notification_id, event_id, recipient_id, kind)
          SELECT gen_random_uuid(), n.id, n.event_id, n.recipient_id, n.kind
          FROM notifications n
          WHERE n.id = ANY(${stored}::uuid[])
            AND (n.kind = ANY(${MUST_REACH_KINDS as string[]}::text[])
                 OR NOT EXISTS (
                   SELECT 1 FROM notification_preferences p
                   WHERE p.recipient_id = n.recipient_id AND p.kind = n.kind AND NOT p.email))
          ORDER BY n.recipient_id
          ON CONFLICT DO NOTHING`;
        return created.length;
      });
      if (count > 0) options.onDelivered?.();
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
      return { unread, items: rows.map(toItem) };
    },

    /** The last position of each inbox (0 for one that has never had a notification). */
    async heads(inboxes: string[]): Promise<number[]> {
      const rows = await db.inboxHead.findMany({ where: { recipientId: { in: inboxes } } });
      const byInbox = new Map(rows.map((row) => [row.recipientId, Number(row.position)]));
      return inboxes.map((inbox) => byInbox.get(inbox) ?? 0);
    },

    /** Up to `limit` notifications of one inbox after `position`, in position order. */
    async after(inbox: string, position: number, limit: number): Promise<StreamRow[]> {
      const rows = await db.notification.findMany({
        where: { recipientId: inbox, position: { gt: position } },
        orderBy: { position: 'asc' },
        take: limit,
      });
      return rows.map((row) => ({
        position: Number(row.position),
        event: 'notification',
        data: toItem(row),
      }));
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
