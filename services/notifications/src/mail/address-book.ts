import type { NotificationsDb } from '../db/prisma-client';

/**
 * Where an inbox's mail goes. The port the mail sender asks; it never learns addresses any other
 * way, and nothing that holds one logs it.
 *
 * Behind it: the notifications service's own table `mail_addresses`, keyed by inbox (`principalKey`
 * of a person, or a brand's team key). The notifications service never reads another service's
 * database, so the table is fed by events and, for now, by the seed:
 * - an influencer's address comes from their profile: the campaign service announces every profile
 *   change (InfluencerProfileChanged on `influencer.profiles.v1`), and the consumer in
 *   events/influencer-profiles-consumer.ts sets the address, or removes it when the profile has
 *   none (their mail is then skipped);
 * - every account's address (brand users, influencers, ops) comes from the campaign service's
 *   account events (`accounts.v1`: a sign-up, a sign-in link, a teammate's invitation), kept by
 *   db/account-mail-store.ts; a brand's first user's address is also the brand team's. The dev
 *   seed makes its accounts the same way. `remember` is left for tests that write what they need.
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
