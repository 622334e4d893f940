import type { CampaignNewsletterDue } from '@campaign/contracts';
import type { z } from 'zod';
import { Prisma } from '../generated/prisma/client';
import type { NotificationsDb } from '../db/prisma-client';
import { digestTitleWords } from './digest-words';

type NewsletterDue = z.infer<typeof CampaignNewsletterDue>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long composing one edition (100,000 digests and their mails) may hold its transaction. */
const COMPOSE_TIMEOUT_MS = 5 * 60 * 1000;

export type ComposedEdition = { day: string; digests: number };

export type NewsletterEditions = ReturnType<typeof createNewsletterEditions>;

/**
 * The end-of-day newsletter's editions (see the newsletter migration).
 *
 * Each campaign's workflow announces its newsletter moment (`CampaignNewsletterDue`); the campaign
 * is filed into the edition of that day, which is composed `settleMs` after its first moment came
 * in, so every campaign of the same moment (they all fire together) makes it. A campaign whose
 * moment comes after its day's edition was composed is filed into the next day's edition: a
 * digest never goes out twice for one day, and no campaign is left out.
 */
export function createNewsletterEditions(db: NotificationsDb, options: { settleMs: number }) {
  return {
    /** Files a campaign into its edition; a redelivered event finds it filed and changes nothing. */
    async file(event: NewsletterDue, now = new Date()): Promise<string> {
      const { campaignId, title, dueAt, qualifications, closesAt } = event.payload;
      const due = new Date(dueAt);
      return db.$transaction(async (tx) => {
        const filed = await tx.newsletterCampaign.findUnique({ where: { campaignId } });
        if (filed) return isoDay(filed.editionDay);
        let day = event.payload.day;
        let composeAt = new Date(Math.max(due.getTime(), now.getTime()) + options.settleMs);
        for (;;) {
          // Locks the edition's row: a composition in flight is waited for, then seen composed.
          const open = await tx.$queryRaw<{ day: Date }[]>`
            INSERT INTO newsletter_editions (day, compose_at)
            VALUES (${day}::date, ${composeAt})
            ON CONFLICT (day) DO UPDATE
              SET compose_at = LEAST(newsletter_editions.compose_at, EXCLUDED.compose_at)
              WHERE newsletter_editions.composed_at IS NULL
            RETURNING day`;
          if (open.length > 0) break;
          // That day's edition has gone out: the next day's lists the campaign, at its moment.
          day = isoDay(new Date(Date.parse(day) + DAY_MS));
          composeAt = new Date(Math.max(composeAt.getTime() + DAY_MS, now.getTime()));
        }
        await tx.newsletterCampaign.create({
          data: {
            campaignId,
            editionDay: new Date(day),
            title,
            minFollowers: qualifications?.minFollowers ?? null,
            niches: (qualifications?.niches ?? []).map((niche) => niche.toLowerCase()),
            countries: qualifications?.countries ?? [],
            closesAt: closesAt ? new Date(closesAt) : null,
            dueAt: due,
          },
        });
        return day;
      });
    },

    /**
     * Composes the next due edition, if any: one digest per subscribed influencer who qualifies
     * for at least one of its campaigns, each a `newsletter` notification with its mail, and the
     * edition marked composed, all in one transaction. Replicas skip an edition another is
     * composing (SKIP LOCKED); one killed mid-way leaves nothing behind, and the edition is due
     * again.
     */
    async composeNext(): Promise<ComposedEdition | null> {
      return db.$transaction(
        async (tx) => {
          const [due] = await tx.$queryRaw<{ day: Date; event_id: string }[]>`
            SELECT day, event_id::text AS event_id FROM newsletter_editions
            WHERE composed_at IS NULL AND compose_at <= now()
            ORDER BY compose_at
            LIMIT 1
            FOR UPDATE SKIP LOCKED`;
          if (!due) return null;
          const eventId = due.event_id;
          const day = isoDay(due.day);
          const digests = await tx.$executeRaw`
            ${digestListings(day)}
            INSERT INTO notifications (id, event_id, recipient_id, kind, title, body, campaign_ids)
            SELECT gen_random_uuid(), ${eventId}::uuid, recipient_id, 'newsletter',
                   CASE WHEN campaigns = 1 THEN ${digestTitleWords.one}
                        ELSE campaigns::text || ${digestTitleWords.suffix} END,
                   lines, campaign_ids
            FROM listed
            ORDER BY recipient_id
            ON CONFLICT DO NOTHING`;
          await tx.$executeRaw`
            INSERT INTO mail_outbox (id, notification_id, event_id, recipient_id, kind)
            SELECT gen_random_uuid(), n.id, n.event_id, n.recipient_id, n.kind
            FROM notifications n
            WHERE n.event_id = ${eventId}::uuid
            ON CONFLICT DO NOTHING`;
          await tx.$executeRaw`
            UPDATE newsletter_editions SET composed_at = now(), digests = ${digests}
            WHERE day = ${day}::date`;
          return { day, digests };
        },
        { timeout: COMPOSE_TIMEOUT_MS, maxWait: 10_000 },
      );
    },
  };
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The digests of an edition, as the CTE `listed` (recipient_id, campaign_ids, lines, campaigns):
 * each subscribed influencer with the edition's campaigns they qualify for, in the edition's
 * order. The qualification rule of `unmetQualifications` (workflows' campaign-rules), in SQL so
 * that 100,000 influencers × 50 campaigns are matched inside the database; the newsletter test
 * holds both to the same cases.
 */
export function digestListings(day: string): Prisma.Sql {
  return Prisma.sql`
    WITH audience AS (
      SELECT a.recipient_id, a.followers, a.country,
             ARRAY(SELECT lower(niche) FROM unnest(a.niches) AS niche) AS niches
      FROM influencer_audience a
      WHERE NOT EXISTS (
        SELECT 1 FROM newsletter_unsubscribes u WHERE u.recipient_id = a.recipient_id
      )
    ),
    listed AS (
      SELECT audience.recipient_id,
             array_agg(c.campaign_id ORDER BY c.due_at, c.title, c.campaign_id) AS campaign_ids,
             string_agg('• ' || c.title, E'\n' ORDER BY c.due_at, c.title, c.campaign_id) AS lines,
             count(*) AS campaigns
      FROM audience
      JOIN newsletter_campaigns c
        ON c.edition_day = ${day}::date
       AND (c.min_followers IS NULL OR audience.followers >= c.min_followers)
       AND (cardinality(c.niches) = 0 OR audience.niches && c.niches)
       AND (cardinality(c.countries) = 0 OR audience.country::text = ANY(c.countries))
      GROUP BY audience.recipient_id
    )`;
}
