import { NotificationKind } from '@campaign/contracts';
import { AccountMail } from './account-mail';
import type { NotificationsDb } from '../db/prisma-client';
import { createDigestCampaigns } from './digest-campaigns';
import type { DigestCampaign } from './digest-template';

/** A mail the sender owes, with what its template needs. */
export type OwedMail = {
  id: string;
  recipientId: string;
  attempts: number;
  /** A notification's kind, or 'account' for a mail about an account (`account` set). */
  kind: NotificationKind | 'account';
  title: string;
  body: string;
  campaignId: string | null;
  /** A newsletter digest's campaigns, in its order; empty for every other kind. */
  campaigns: DigestCampaign[];
  /** A mail about an account (no notification): what it says, its links sealed. */
  account: AccountMail | null;
};

export type MailOutbox = ReturnType<typeof createMailOutbox>;

/** The e-mail outbox's rows as the sender sees them (see `MailOutbox` in schema.prisma). */
export function createMailOutbox(db: NotificationsDb) {
  const digestCampaigns = createDigestCampaigns(db);
  return {
    /**
     * Claims up to `limit` owed rows: rows due now that no other sender holds (SKIP LOCKED, so
     * replicas never claim the same row). The claim counts an attempt and moves the row's next
     * attempt `leaseMs` ahead, so a sender that dies mid-way leaves its rows owed again once that
     * time has passed; a sender that lives marks each row sent or failed long before.
     */
    async claim(limit: number, leaseMs: number): Promise<OwedMail[]> {
      const rows = await db.$queryRaw<
        {
          id: string;
          recipient_id: string;
          attempts: number;
          kind: string;
          title: string;
          body: string;
          campaign_id: string | null;
          campaign_ids: string[] | null;
          account_mail: unknown;
        }[]
      >`
        UPDATE mail_outbox m
        SET attempts = m.attempts + 1,
            next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000}::double precision)
        FROM (
          SELECT id, notification_id FROM mail_outbox
          WHERE sent_at IS NULL AND next_attempt_at <= now()
          ORDER BY next_attempt_at
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED
        ) owed LEFT JOIN notifications n ON n.id = owed.notification_id
        WHERE m.id = owed.id
        RETURNING m.id::text AS id, m.recipient_id, m.attempts, m.kind, n.title, n.body,
                  n.campaign_id::text AS campaign_id, n.campaign_ids::text[] AS campaign_ids,
                  m.account_mail`;
      const campaigns = await digestCampaigns.of(rows.flatMap((row) => row.campaign_ids ?? []));
      const byId = new Map(campaigns.map((campaign) => [campaign.id, campaign]));
      return rows.map((row) => {
        // A mail about an account has no notification: what it says is on its own row.
        const account = row.account_mail === null ? null : AccountMail.parse(row.account_mail);
        return {
          id: row.id,
          recipientId: row.recipient_id,
          attempts: row.attempts,
          kind: account ? 'account' : NotificationKind.parse(row.kind),
          title: row.title ?? '',
          body: row.body ?? '',
          campaignId: row.campaign_id,
          campaigns: (row.campaign_ids ?? []).flatMap((id) => byId.get(id) ?? []),
          account,
        };
      });
    },

    /**
     * Marks rows the SMTP server accepted: one statement for all of them, in plain SQL, as it
     * runs for nearly every mail (the query builder's own work was a third of the sender's).
     */
    async markSent(ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      await db.$executeRaw`
        UPDATE mail_outbox SET sent_at = now(), last_error = NULL WHERE id = ANY(${ids}::uuid[])`;
    },

    /**
     * Hands back claimed rows the sender did not try (its round stopped early): owed again now,
     * their claim's attempt not counted.
     */
    async release(ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      await db.$executeRaw`
        UPDATE mail_outbox SET attempts = attempts - 1, next_attempt_at = now()
        WHERE id = ANY(${ids}::uuid[]) AND sent_at IS NULL`;
    },

    /** Nothing will be sent for this row (no address on file, or the server refused it for good). */
    async markSkipped(id: string, reason: string): Promise<void> {
      await db.mailOutbox.update({
        where: { id },
        data: { sentAt: new Date(), skipped: reason },
      });
    },

    /** Owed again after `retryInMs`. `reason` must not hold an address. */
    async markFailed(id: string, reason: string, retryInMs: number): Promise<void> {
      await db.mailOutbox.update({
        where: { id },
        data: { lastError: reason, nextAttemptAt: new Date(Date.now() + retryInMs) },
      });
    },
  };
}
