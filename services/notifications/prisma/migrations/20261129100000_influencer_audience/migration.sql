-- What the notifications service keeps of each influencer's profile, from the campaign service's
-- InfluencerProfileChanged events (it never reads another service's database): their audience, for
-- the newsletter to pick by, and (in mail_addresses) where their mail goes.
CREATE TABLE "influencer_audience" (
    -- influencerKey(influencer_id): the influencer's inbox, as notifications are addressed.
    "recipient_id" TEXT NOT NULL,
    "influencer_id" TEXT NOT NULL,
    "followers" INTEGER NOT NULL,
    "niches" TEXT[] NOT NULL,
    "country" CHAR(2) NOT NULL,
    -- When the profile changed, as its event says: an older event never overwrites a newer one.
    "changed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "influencer_audience_pkey" PRIMARY KEY ("recipient_id")
);

-- The newsletter picks influencers by niche.
CREATE INDEX "influencer_audience_niches_idx" ON "influencer_audience" USING GIN ("niches");
