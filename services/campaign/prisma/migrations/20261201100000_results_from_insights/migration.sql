-- Where a result's figures come from: 'manual' (typed in by the collaborator; every result before
-- this) or 'insights' (imported from the post's insights on the social network, refreshed on a
-- schedule while the collaboration runs). An imported one keeps the post's media id and when its
-- figures were last read.
CREATE TYPE "ResultSource" AS ENUM ('manual', 'insights');

ALTER TABLE "results" ADD COLUMN "source" "ResultSource" NOT NULL DEFAULT 'manual';
ALTER TABLE "results" ADD COLUMN "media_id" TEXT;
ALTER TABLE "results" ADD COLUMN "refreshed_at" TIMESTAMPTZ(3);

-- One post is imported once per collaborator and campaign (typed-in results have no media id and
-- are not concerned: NULLs are distinct).
CREATE UNIQUE INDEX "results_campaign_id_influencer_id_media_id_key" ON "results"("campaign_id", "influencer_id", "media_id");

-- The refresh's pages: imported results in id order.
CREATE INDEX "results_source_id_idx" ON "results"("source", "id");
