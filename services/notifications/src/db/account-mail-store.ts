import type { AccountEvent } from '@campaign/contracts';
import { brandTeamKey } from '@campaign/service-runtime';
import type { Prisma } from '../generated/prisma/client';
import { accountMailOf } from '../mail/account-mail';
import type { NotificationsDb } from './prisma-client';

export type AccountMailStore = ReturnType<typeof createAccountMailStore>;

/**
 * Takes in the campaign service's account events: where each account's mail goes (the address
 * book, keyed by principal; a brand's first user's address is also its team's), and the mail the
 * event asks for, in the e-mail outbox without an inbox notification (the person is not signed
 * in). One transaction per event; a redelivered event adds no second mail (the outbox row is
 * unique per event, recipient and kind).
 */
export function createAccountMailStore(db: NotificationsDb, options: { onOwed?: () => void } = {}) {
  return {
    async record(event: AccountEvent): Promise<'owed' | 'known'> {
      const mail = accountMailOf(event);
      const recipientId = mail.links[0]!.principal;
      const { email } = event.payload;
      const addressed = [
        ...mail.links.map((link) => link.principal),
        ...(event.type === 'SignInLinkRequested' && event.payload.teamOf
          ? [brandTeamKey(event.payload.teamOf)]
          : []),
      ];
      const inserted = await db.$transaction(async (tx) => {
        for (const principal of [...new Set(addressed)]) {
          await tx.mailAddress.upsert({
            where: { recipientId: principal },
            create: { recipientId: principal, email },
            update: { email },
          });
        }
        return tx.$executeRaw`
          INSERT INTO mail_outbox (id, event_id, recipient_id, kind, account_mail)
          VALUES (gen_random_uuid(), ${event.id}::uuid, ${recipientId}, 'account',
                  ${mail as unknown as Prisma.InputJsonObject}::jsonb)
          ON CONFLICT (event_id, recipient_id, kind) DO NOTHING`;
      });
      if (inserted > 0) options.onOwed?.();
      return inserted > 0 ? 'owed' : 'known';
    },

    async ping(): Promise<void> {
      await db.$queryRaw`SELECT 1`;
    },
  };
}
