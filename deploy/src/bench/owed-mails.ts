import { randomUUID } from 'node:crypto';
import { INFLUENCERS_PER_PART, InfluencersPassedOver } from '@campaign/contracts';
import { notificationsForEvent } from '@campaign/notifications-service';
import { influencerKey } from '@campaign/service-runtime';
import { chunks } from './huge-actors';
import type { NotificationsService } from './notifications-service';

/** Address book entries written at once: the book stores them one upsert each. */
const ADDRESSES_AT_ONCE = 50;

/** The bench's influencers' addresses: one each, on a domain that reaches no one. */
export const addressOf = (influencerId: string) => `${influencerId}@bench.campaign-platform.test`;

/** Puts an address on file for each influencer, as the service's address book keeps them. */
export async function rememberAddresses(
  notifications: NotificationsService,
  influencerIds: readonly string[],
): Promise<void> {
  for (const round of chunks(influencerIds, ADDRESSES_AT_ONCE * 10)) {
    await Promise.all(
      chunks(round, ADDRESSES_AT_ONCE).map((ids) =>
        notifications.addressBook.remember(
          ids.map((id) => ({ recipientId: influencerKey(id), email: addressOf(id) })),
        ),
      ),
    );
  }
}

/**
 * Owes one mail to each of `count` influencers with an address on file, the way production comes
 * to owe them: a collaboration's start passes them over (`InfluencersPassedOver` events of at most
 * a part's 1,000 ids), the service's own rules turn each event into bummers, and the inbox store's
 * `deliver` stores them with their mails in the outbox. Answers the events and what they said.
 */
export async function oweBummers(
  notifications: NotificationsService,
  prefix: string,
  count: number,
) {
  const influencerIds = Array.from(
    { length: count },
    (_, i) => `${prefix}-${String(i + 1).padStart(6, '0')}`,
  );
  await rememberAddresses(notifications, influencerIds);
  const campaignId = randomUUID();
  const events = chunks(influencerIds, INFLUENCERS_PER_PART).map((ids) =>
    InfluencersPassedOver.parse({
      id: randomUUID(),
      type: 'InfluencersPassedOver',
      version: 1,
      occurredAt: new Date().toISOString(),
      subject: campaignId,
      payload: {
        campaignId,
        brandId: 'bench-brand',
        title: 'Bench glow',
        influencerIds: ids,
        at: new Date().toISOString(),
      },
    }),
  );
  const drafts = [];
  for (const event of events) {
    const owed = notificationsForEvent(event);
    await notifications.inbox.deliver(event.id, owed);
    drafts.push(...owed);
  }
  return {
    eventIds: events.map((event) => event.id),
    /** Each mail's notification and address, for a load that sends the same mails. */
    mails: drafts.map((draft, i) => ({
      mail: { ...draft, campaigns: [] },
      to: addressOf(influencerIds[i]!),
    })),
  };
}

/** The consumer counts as caught up once no notification was stored for this long. */
const QUIET_MS = 2_000;

/** How the bench marks owed mails it keeps out of a measurement (sent_at set, nothing sent). */
export const SET_ASIDE = 'set aside by the bench';
const CATCH_UP_TIMEOUT_MS = 300_000;

/**
 * Marks every mail still owed as skipped, so a scenario's sender sends only its own. Earlier
 * scenarios leave many (a huge campaign's bummers) to people without an address, whose rows
 * the sender would otherwise skip one by one inside the measured time. Waits first until the
 * notifications consumer has caught up with their events, so none arrive during the measuring.
 */
export async function setAsideOwedMails(notifications: NotificationsService): Promise<number> {
  const deadline = Date.now() + CATCH_UP_TIMEOUT_MS;
  let stored = await notifications.db.notification.count();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    const now = await notifications.db.notification.count();
    if (now === stored || Date.now() > deadline) break;
    stored = now;
  }
  const setAside = await notifications.db.$executeRaw`
    UPDATE mail_outbox SET sent_at = now(), skipped = ${SET_ASIDE}
    WHERE sent_at IS NULL`;
  await vacuumOutbox(notifications);
  return setAside;
}

/**
 * Clears the dead index entries a set-aside leaves behind, as autovacuum would soon after: the
 * sender's claims walk the index of owed rows, and without this they stepped over every row the
 * bench had just set aside, which no deployment ever owes at once.
 */
export async function vacuumOutbox(notifications: NotificationsService): Promise<void> {
  await notifications.db.$executeRawUnsafe('VACUUM (ANALYZE) mail_outbox');
}

/** Mails of these events not yet marked sent (or skipped). */
export async function stillOwed(
  notifications: NotificationsService,
  eventIds: readonly string[],
): Promise<number> {
  return notifications.db.mailOutbox.count({
    where: { eventId: { in: [...eventIds] }, sentAt: null },
  });
}
