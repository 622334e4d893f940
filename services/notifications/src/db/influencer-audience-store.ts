import type { InfluencerProfileChanged } from '@campaign/contracts';
import { influencerKey } from '@campaign/service-runtime';
import type { NotificationsDb } from './prisma-client';

export type InfluencerAudienceStore = ReturnType<typeof createInfluencerAudienceStore>;

/**
 * Keeps what the notifications service knows of each influencer's profile: their audience
 * (`influencer_audience`, for the newsletter) and where their mail goes (`mail_addresses`, read by
 * the address book), both keyed by the influencer's inbox.
 */
export function createInfluencerAudienceStore(db: NotificationsDb) {
  return {
    /**
     * Takes in a profile change unless a newer one (by the profile's `changedAt`) is there
     * already: a replayed event or an older one changes nothing, so the event id needs no
     * bookkeeping of its own. Audience and address change in one transaction; the audience row's
     * lock orders two consumers taking in changes of one influencer. A change without an address
     * removes the one on file: no mail until they give one again.
     */
    async record(event: InfluencerProfileChanged): Promise<'recorded' | 'outdated'> {
      const { influencerId, followers, niches, country, email, changedAt } = event.payload;
      const recipientId = influencerKey(influencerId);
      return db.$transaction(async (tx) => {
        const taken = await tx.$executeRaw`
          INSERT INTO influencer_audience
            (recipient_id, influencer_id, followers, niches, country, changed_at)
          VALUES
            (${recipientId}, ${influencerId}, ${followers}, ${niches}::text[], ${country},
             ${new Date(changedAt)})
          ON CONFLICT (recipient_id) DO UPDATE SET
            influencer_id = excluded.influencer_id,
            followers = excluded.followers,
            niches = excluded.niches,
            country = excluded.country,
            changed_at = excluded.changed_at
          WHERE influencer_audience.changed_at < excluded.changed_at`;
        if (taken === 0) return 'outdated';
        if (email) {
          await tx.mailAddress.upsert({
            where: { recipientId },
            create: { recipientId, email },
            update: { email },
          });
        } else {
          await tx.mailAddress.deleteMany({ where: { recipientId } });
        }
        return 'recorded';
      });
    },

    async ping(): Promise<void> {
      await db.$queryRaw`SELECT 1`;
    },
  };
}
