import { randomUUID } from 'node:crypto';
import {
  INFLUENCER_PROFILES_TOPIC,
  MAX_COUNT,
  ShippingAddress,
  type InfluencerProfileChanged,
  type InfluencerProfileEdit,
  type MyInfluencerProfile,
} from '@campaign/contracts';
import { Prisma } from '../generated/prisma/client';
import type { InfluencerProfile } from '../generated/prisma/client';
import { lockSubjects, storeOutgoingEvents } from './campaign-event-outbox';
import type { CampaignDb } from './prisma-client';

type Tx = Prisma.TransactionClient;

/** The figures of a profile that come from the social account, never from what someone types. */
export type Audience = { followers: number; engagementRate: number };

export type InfluencerProfileStore = ReturnType<typeof createInfluencerProfileStore>;

/**
 * The one place that writes influencer profiles. Every change is announced by an
 * InfluencerProfileChanged event stored in the same transaction (the campaign service's event
 * outbox, sent by its relay), so other services (notifications: audience and where mail goes)
 * never miss one and never hear of one that did not commit. A later writer of profiles (the social
 * account's daily refresh of the audience, issue 11) writes through `write` below as well.
 */
export function createInfluencerProfileStore(db: CampaignDb) {
  /**
   * Writes a profile and its event in one transaction, holding the influencer's recording lock,
   * so their events are stored in commit order and `changedAt` grows with each of them (a change
   * in the same millisecond as the last one is dated a millisecond later).
   */
  async function writeIn(
    tx: Tx,
    influencerId: string,
    change: (tx: Tx, changedAt: (now: Date) => Date) => Promise<InfluencerProfile>,
  ): Promise<InfluencerProfile> {
    await lockSubjects(tx, [influencerId]);
    const before = await tx.influencerProfile.findUnique({
      where: { id: influencerId },
      select: { changedAt: true },
    });
    const changedAt = (now: Date) =>
      before && now.getTime() <= before.changedAt.getTime()
        ? new Date(before.changedAt.getTime() + 1)
        : now;
    const saved = await change(tx, changedAt);
    await storeOutgoingEvents(tx, INFLUENCER_PROFILES_TOPIC, [profileChanged(saved)]);
    return saved;
  }

  async function write(
    influencerId: string,
    change: (tx: Tx, changedAt: (now: Date) => Date) => Promise<InfluencerProfile>,
  ): Promise<MyInfluencerProfile | 'handle-taken'> {
    try {
      const row = await db.$transaction((tx) => writeIn(tx, influencerId, change));
      return toMyProfile(row);
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        return 'handle-taken';
      }
      throw error;
    }
  }

  return {
    async find(influencerId: string): Promise<MyInfluencerProfile | null> {
      const row = await db.influencerProfile.findUnique({ where: { id: influencerId } });
      return row ? toMyProfile(row) : null;
    },

    /**
     * Creates or replaces what the influencer edits; audience figures are kept (a new profile
     * starts at zero until the social account reports them). 'handle-taken' when another
     * influencer has the handle.
     */
    save(influencerId: string, edit: InfluencerProfileEdit) {
      return write(influencerId, (tx, changedAt) => {
        const fields = { ...edit, email: edit.email ?? null, changedAt: changedAt(new Date()) };
        return tx.influencerProfile.upsert({
          where: { id: influencerId },
          create: {
            id: influencerId,
            ...fields,
            followers: 0,
            engagementRate: 0,
            audienceSource: 'none',
          },
          update: fields,
        });
      });
    },

    /**
     * Starts the profile of an influencer who signs up, in the transaction that opens their
     * account: handle, name, country and address for mail; no shipping address yet (stored as
     * `{}`), no audience until a social account reports it. Announced like every change. A taken
     * handle fails the transaction (P2002), for the caller to answer.
     */
    async startAtSignUp(
      tx: Tx,
      influencerId: string,
      start: { handle: string; displayName: string; country: string; email: string },
    ): Promise<void> {
      await writeIn(tx, influencerId, (tx, changedAt) =>
        tx.influencerProfile.create({
          data: {
            id: influencerId,
            ...start,
            niches: [],
            shippingAddress: {},
            followers: 0,
            engagementRate: 0,
            audienceSource: 'none',
            changedAt: changedAt(new Date()),
          },
        }),
      );
    },

    /**
     * Creates or replaces a whole profile, audience figures as given: for profiles that come from
     * elsewhere than the influencer's own edit (the dev seed's demo influencers).
     */
    importProfile(influencerId: string, edit: InfluencerProfileEdit, audience: Audience) {
      return write(influencerId, (tx, changedAt) => {
        const fields = {
          ...edit,
          email: edit.email ?? null,
          ...audience,
          audienceSource: 'import',
          changedAt: changedAt(new Date()),
        };
        return tx.influencerProfile.upsert({
          where: { id: influencerId },
          create: { id: influencerId, ...fields },
          update: fields,
        });
      });
    },

    /**
     * The audience the influencer's connected account reports (on connecting and at each
     * refresh), announced like every change; null when the influencer has no profile.
     */
    async writeAudience(influencerId: string, audience: Audience) {
      const exists = await db.influencerProfile.findUnique({
        where: { id: influencerId },
        select: { id: true },
      });
      if (!exists) return null;
      const saved = await write(influencerId, (tx, changedAt) =>
        tx.influencerProfile.update({
          where: { id: influencerId },
          data: {
            // As the columns hold them: a count, and a rate in percent to two decimals.
            followers: Math.min(Math.max(Math.round(audience.followers), 0), MAX_COUNT),
            engagementRate:
              Math.min(Math.max(Math.round(audience.engagementRate * 100), 0), 99_999) / 100,
            audienceSource: 'account',
            changedAt: changedAt(new Date()),
          },
        }),
      );
      return saved === 'handle-taken' ? null : saved;
    },

    /** Whether the profile's figures were imported (the dev seed) rather than left to an account. */
    async audienceImported(influencerId: string): Promise<boolean> {
      const row = await db.influencerProfile.findUnique({
        where: { id: influencerId },
        select: { audienceSource: true },
      });
      return row?.audienceSource === 'import';
    },
  };
}

function profileChanged(row: InfluencerProfile): InfluencerProfileChanged {
  return {
    id: randomUUID(),
    type: 'InfluencerProfileChanged',
    version: 1,
    occurredAt: row.changedAt.toISOString(),
    subject: row.id,
    payload: {
      influencerId: row.id,
      followers: row.followers,
      niches: row.niches,
      country: row.country,
      email: row.email,
      changedAt: row.changedAt.toISOString(),
    },
  };
}

function toMyProfile(row: InfluencerProfile): MyInfluencerProfile {
  const parsed = ShippingAddress.safeParse(row.shippingAddress);
  return {
    id: row.id,
    handle: row.handle,
    displayName: row.displayName,
    niches: row.niches,
    country: row.country,
    // A profile started at sign-up has no address yet (stored as {}).
    ...(parsed.success
      ? {
          shippingAddress: {
            street: parsed.data.street,
            ...(parsed.data.postcode ? { postcode: parsed.data.postcode } : {}),
            city: parsed.data.city,
            country: parsed.data.country,
          },
        }
      : {}),
    ...(row.email ? { email: row.email } : {}),
    followers: row.followers,
    engagementRate: row.engagementRate.toNumber(),
    createdAt: row.createdAt.toISOString(),
  };
}
