import type { Qualifications } from '@campaign/contracts';
import {
  createDigestCampaigns,
  createNewsletterEditions,
  digestListings,
} from '@campaign/notifications-service';
import { benchMailbox } from './bench-mailbox';
import { drainAgainstRawLoop } from './mail-drain';
import type { NotificationsService } from './notifications-service';
import { SET_ASIDE, setAsideOwedMails, vacuumOutbox } from './owed-mails';
import { newsletterMoment, type NewsletterMoment } from '../newsletter-moment';
import type { Scenario } from './scenario';

const NICHES = [
  'fashion',
  'beauty',
  'food',
  'travel',
  'fitness',
  'gaming',
  'music',
  'tech',
  'parenting',
  'pets',
  'home',
  'sport',
];
const COUNTRIES = ['FR', 'DE', 'IT', 'ES', 'NL', 'BE', 'SE', 'PL', 'PT', 'AT'];
/** The first campaign asks for followers, so that not every influencer qualifies for one. */
const MIN_FOLLOWERS = [2_000, undefined, 5_000, 20_000, 100_000];
const PREFIX = 'bench-newsletter-';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A newsletter day: N influencers in the notifications service's audience (as their profile
 * events leave them: followers spread to 250,000, two niches of twelve, one country of ten, an
 * address each) and M campaigns of one day with varied qualifications, filed into their edition
 * as their moments file them. Timed: the composition of the whole edition (a digest and its mail
 * per qualifying influencer, one transaction), against its raw ceiling, the same matching query
 * written to a bare temporary table; then a sample of the digests' mails drained by the mail
 * sender against a bare nodemailer loop of the same mails.
 */
export const newsletterDay: Scenario = {
  name: 'newsletter-day',
  async run(rig, settings, log) {
    const influencers = settings.newsletterInfluencers;
    const campaigns = settings.newsletterCampaigns;
    const notifications = await rig.notifications();
    const { db } = notifications;
    const setAside = await setAsideOwedMails(notifications);
    if (setAside > 0) log(`Set aside ${setAside} mails earlier scenarios left owed`);

    log(`Audience: ${influencers} influencers with addresses`);
    await seedAudience(notifications, influencers);
    const day = await freshDay(notifications);
    const editions = createNewsletterEditions(db, { settleMs: 0 });
    log(`Edition ${day}: ${campaigns} campaigns filed`);
    for (let i = 0; i < campaigns; i += 1) await editions.file(newsletterDue(day, i));

    log('Raw ceiling: the same matching, written to a bare temporary table');
    const rawStarted = performance.now();
    const rawDigests = await db.$transaction(
      async (tx) => {
        const rows = await tx.$executeRaw`
          CREATE TEMPORARY TABLE bench_digests ON COMMIT DROP AS
          ${digestListings(day)}
          SELECT * FROM listed`;
        return rows;
      },
      { timeout: 300_000 },
    );
    const rawMs = performance.now() - rawStarted;

    log('Composing the edition (digests, their mails, the edition marked composed)');
    const started = performance.now();
    const composed = await editions.composeNext();
    const composeMs = performance.now() - started;
    if (composed?.day !== day)
      throw new Error(`composed ${composed?.day ?? 'nothing'}, not ${day}`);
    log(`  ${composed.digests} digests in ${(composeMs / 1000).toFixed(1)} s`);
    const { eventId } = await db.newsletterEdition.findUniqueOrThrow({
      where: { day: new Date(day) },
    });
    const perDigest = await db.$queryRaw<{ campaigns: number; digests: bigint }[]>`
      SELECT cardinality(campaign_ids) AS campaigns, count(*) AS digests FROM notifications
      WHERE event_id = ${eventId}::uuid GROUP BY 1 ORDER BY 1`;

    // The mails of a sample of the digests; the rest are set aside (the bench's maildev would
    // hold 100,000 mails, and the throughput is the same on 5,000).
    const sample = Math.min(settings.mails, composed.digests);
    await db.$executeRaw`
      UPDATE mail_outbox SET sent_at = now(), skipped = ${SET_ASIDE}
      WHERE event_id = ${eventId}::uuid AND recipient_id NOT IN (
        SELECT recipient_id FROM mail_outbox WHERE event_id = ${eventId}::uuid
        ORDER BY recipient_id LIMIT ${sample})`;
    await vacuumOutbox(notifications);
    const mails = await sampleMails(notifications, eventId);
    const mailbox = benchMailbox(rig.mail);
    await mailbox.clear();
    const { sent, raw, ratio } = await drainAgainstRawLoop({
      notifications,
      mailbox,
      smtp: { host: rig.mail.smtpHost, port: rig.mail.smtpPort },
      eventIds: [eventId],
      mails,
      log,
    });

    return {
      scenario: 'newsletter-day',
      about:
        `${influencers} influencers × ${campaigns} campaigns of one day: the edition composed ` +
        `(a digest and its mail per qualifying influencer) against the same matching into a ` +
        `bare table; ${sample} digests mailed by the sender against a bare nodemailer loop`,
      table: {
        headers: [
          'influencers',
          'campaigns',
          'digests',
          'compose s',
          'raw s',
          'raw ÷ compose',
          'mails',
          'mails/s',
          'raw mails/s',
          'mail ratio',
          'mail errors',
        ],
        rows: [
          [
            String(influencers),
            String(campaigns),
            String(composed.digests),
            (composeMs / 1000).toFixed(2),
            (rawMs / 1000).toFixed(2),
            (rawMs / composeMs).toFixed(2),
            String(sample),
            sent.perSecond.toFixed(1),
            raw.perSecond.toFixed(1),
            ratio.toFixed(2),
            String(sent.errors + raw.errors),
          ],
        ],
      },
      notes: [
        `Campaigns per digest: ${perDigest.map((row) => `${row.campaigns}: ${row.digests}`).join(', ')}` +
          ` (${influencers - composed.digests} influencers qualified for none)`,
      ],
      results: {
        day,
        digests: composed.digests,
        rawDigests,
        composeMs,
        rawMs,
        perDigest: perDigest.map((row) => ({ ...row, digests: Number(row.digests) })),
        mail: { sample, sender: sent, raw, ratio },
      },
    };
  },
};

/** The scenario's influencers, replacing an earlier run's: audience rows and addresses. */
async function seedAudience(notifications: NotificationsService, count: number) {
  const { db } = notifications;
  await db.$executeRaw`DELETE FROM influencer_audience WHERE recipient_id LIKE ${`influencer/${PREFIX}%`}`;
  await db.$executeRaw`
    INSERT INTO influencer_audience (recipient_id, influencer_id, followers, niches, country, changed_at)
    SELECT 'influencer/' || ${PREFIX} || n, ${PREFIX} || n, (n * 7919) % 250000,
           ARRAY[(${NICHES}::text[])[1 + n % 12], (${NICHES}::text[])[1 + (n / 12) % 12]],
           (${COUNTRIES}::text[])[1 + (n / 7) % 10], now()
    FROM generate_series(1, ${count}) AS n`;
  await db.$executeRaw`
    INSERT INTO mail_addresses (recipient_id, email)
    SELECT 'influencer/' || ${PREFIX} || n, ${PREFIX} || n || '@bench.campaign-platform.test'
    FROM generate_series(1, ${count}) AS n
    ON CONFLICT (recipient_id) DO UPDATE SET email = EXCLUDED.email`;
}

/** A day no edition has had, in the past: its moment has come, and nothing else is filed there. */
async function freshDay(notifications: NotificationsService): Promise<string> {
  const [latest] = await notifications.db.$queryRaw<{ day: Date | null }[]>`
    SELECT max(day) AS day FROM newsletter_editions WHERE day < DATE '2000-01-01'`;
  const after = latest?.day?.getTime() ?? Date.UTC(1990, 0, 1);
  return new Date(after + DAY_MS).toISOString().slice(0, 10);
}

/** The i-th campaign's newsletter moment: qualifications varied over the audience's spread. */
function newsletterDue(day: string, i: number): NewsletterMoment {
  const niches = [[], [NICHES[i % 12]!], [NICHES[i % 12]!, NICHES[(i + 5) % 12]!]][i % 3]!;
  const countries = [[], [COUNTRIES[i % 10]!], [COUNTRIES[i % 10]!, COUNTRIES[(i + 3) % 10]!]][
    Math.floor(i / 3) % 3
  ]!;
  const minFollowers = MIN_FOLLOWERS[i % MIN_FOLLOWERS.length];
  const qualifications: Qualifications = {
    ...(minFollowers === undefined ? {} : { minFollowers }),
    ...(niches.length > 0 ? { niches } : {}),
    ...(countries.length > 0 ? { countries } : {}),
  };
  return newsletterMoment({
    day,
    title: `Bench campaign ${i + 1}`,
    brandId: 'bench-brand',
    qualifications,
  });
}

/** The sample's digests as the sender composes them: notification, campaigns, address. */
async function sampleMails(notifications: NotificationsService, eventId: string) {
  const { db } = notifications;
  const rows = await db.$queryRaw<
    { recipient_id: string; title: string; body: string; email: string; campaign_ids: string[] }[]
  >`
    SELECT m.recipient_id, n.title, n.body, a.email, n.campaign_ids::text[] AS campaign_ids
    FROM mail_outbox m
    JOIN notifications n ON n.id = m.notification_id
    JOIN mail_addresses a ON a.recipient_id = m.recipient_id
    WHERE m.event_id = ${eventId}::uuid AND m.sent_at IS NULL
    ORDER BY m.recipient_id`;
  const campaigns = createDigestCampaigns(db);
  const mails = [];
  // One after the other: the first reads the edition's campaigns, the rest find them kept.
  for (const row of rows) {
    mails.push({
      mail: {
        recipientId: row.recipient_id,
        kind: 'newsletter' as const,
        title: row.title,
        body: row.body,
        campaignId: null,
        campaigns: await campaigns.of(row.campaign_ids),
      },
      to: row.email,
    });
  }
  return mails;
}
