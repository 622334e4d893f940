import type { NotificationsDb } from '../db/prisma-client';

/**
 * Where an inbox's mail goes. The port the mail sender asks; it never learns addresses any other
 * way, and nothing that holds one logs it.
 *
 * The interim source (until accounts exist, issue 12): the notifications service's own table
 * `mail_addresses`, keyed by inbox (`principalKey` of a person, or a brand's team key), written
 * through `remember`. Today the dev seed fills it for its brand users and influencer profiles, and
 * tests write what they need. The notifications service never reads another service's database:
 * once profiles and accounts carry an address, an event of theirs (a profile or account changed)
 * feeds this same table through a consumer, and nothing behind this port changes.
 */
export type AddressBook = {
  /** The addresses on file for these inboxes; an inbox without one is absent from the map. */
  addressesOf(recipientIds: string[]): Promise<Map<string, string>>;
};

export function createPrismaAddressBook(db: NotificationsDb) {
  const book = {
    async addressesOf(recipientIds: string[]): Promise<Map<string, string>> {
      if (recipientIds.length === 0) return new Map();
      const rows = await db.mailAddress.findMany({
        where: { recipientId: { in: [...new Set(recipientIds)] } },
      });
      return new Map(rows.map((row) => [row.recipientId, row.email]));
    },

    /** Sets (or replaces) where an inbox's mail goes. */
    async remember(entries: { recipientId: string; email: string }[]): Promise<void> {
      for (const { recipientId, email } of entries) {
        await db.mailAddress.upsert({
          where: { recipientId },
          create: { recipientId, email },
          update: { email },
        });
      }
    },
  };
  return book satisfies AddressBook;
}
