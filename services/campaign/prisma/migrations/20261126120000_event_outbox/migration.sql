-- The campaign workflow's events are stored in the transaction that records their facts, and sent
-- to Kafka afterwards by the relay: a Kafka outage no longer holds up the campaign.
CREATE TABLE "campaign_event_outbox" (
    -- The event id: a retried recording inserts nothing new.
    "event_id" UUID NOT NULL,
    -- The campaign the event is about, its Kafka key.
    "subject" TEXT NOT NULL,
    -- The order events of one subject were recorded in, and are sent in.
    "position" BIGSERIAL NOT NULL,
    "envelope" JSONB NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "campaign_event_outbox_pkey" PRIMARY KEY ("event_id")
);

-- What the relay looks for: the owed events, by subject and in order; published rows stay out.
CREATE INDEX "campaign_event_outbox_owed_idx" ON "campaign_event_outbox"("subject", "position")
    WHERE "published_at" IS NULL;
CREATE INDEX "campaign_event_outbox_owed_position_idx" ON "campaign_event_outbox"("position")
    WHERE "published_at" IS NULL;

-- What the relay forgets once it has been kept long enough.
CREATE INDEX "campaign_event_outbox_published_at_idx" ON "campaign_event_outbox"("published_at");
