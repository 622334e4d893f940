-- An influencer's e-mail address lives on their profile (shown to them only, never to a brand),
-- and every change of a profile is announced on Kafka through the service's event outbox.

-- Where the platform's mail to the influencer goes; null: none given, no mail.
ALTER TABLE "influencer_profiles" ADD COLUMN "email" TEXT;

-- When the profile last changed; it grows with every change of one profile (never repeats), so
-- the events that announce the changes can be told apart in order by it.
ALTER TABLE "influencer_profiles" ADD COLUMN "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- The outbox carries events of more than one topic (campaign lifecycle, influencer profiles). The
-- rows written before are all of the campaign lifecycle's topic.
ALTER TABLE "campaign_event_outbox" ADD COLUMN "topic" TEXT NOT NULL DEFAULT 'campaign.lifecycle.v1';
ALTER TABLE "campaign_event_outbox" ALTER COLUMN "topic" DROP DEFAULT;
