-- The end-of-day newsletter. An edition per day lists the campaigns whose newsletter moment fell
-- on it; it is composed once, a short while after its first moment, into one digest (a
-- notification of kind 'newsletter', with its mail) per subscribed influencer who qualifies for
-- at least one of them. Composed in one transaction with `composed_at`: never the same day twice.
CREATE TABLE "newsletter_editions" (
    "day" DATE NOT NULL,
    -- The digests' event id: (event_id, recipient_id) is unique among notifications.
    "event_id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "compose_at" TIMESTAMPTZ(3) NOT NULL,
    "composed_at" TIMESTAMPTZ(3),
    "digests" INTEGER,

    CONSTRAINT "newsletter_editions_pkey" PRIMARY KEY ("day")
);

CREATE UNIQUE INDEX "newsletter_editions_event_id_key" ON "newsletter_editions"("event_id");
CREATE INDEX "newsletter_editions_due_idx" ON "newsletter_editions"("compose_at") WHERE "composed_at" IS NULL;

-- A campaign is in one edition: its own day's, or the next one's when its moment came after its
-- day's edition had been composed. Niches are kept lower-cased (they match case-blind).
CREATE TABLE "newsletter_campaigns" (
    "campaign_id" UUID NOT NULL,
    "edition_day" DATE NOT NULL,
    "title" TEXT NOT NULL,
    "min_followers" INTEGER,
    "niches" TEXT[] NOT NULL DEFAULT '{}',
    "countries" TEXT[] NOT NULL DEFAULT '{}',
    "closes_at" TIMESTAMPTZ(3),
    "due_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "newsletter_campaigns_pkey" PRIMARY KEY ("campaign_id"),
    CONSTRAINT "newsletter_campaigns_edition_day_fkey" FOREIGN KEY ("edition_day") REFERENCES "newsletter_editions"("day")
);

CREATE INDEX "newsletter_campaigns_edition_day_idx" ON "newsletter_campaigns"("edition_day");

-- Who has unsubscribed (by a mail's one-click link, or through the API), by principal key.
CREATE TABLE "newsletter_unsubscribes" (
    "recipient_id" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "unsubscribed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "newsletter_unsubscribes_pkey" PRIMARY KEY ("recipient_id")
);

-- A digest names several campaigns (in its order); other notifications name at most one.
ALTER TABLE "notifications" ADD COLUMN "campaign_ids" UUID[] NOT NULL DEFAULT '{}';
