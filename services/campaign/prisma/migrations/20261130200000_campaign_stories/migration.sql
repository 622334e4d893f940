-- The campaign's story on the social network, posted once per campaign from the platform's
-- account: where it is, and once settled its media id and link, or why it was given up.
CREATE TYPE "StoryStatus" AS ENUM ('posting', 'posted', 'failed');

CREATE TABLE "campaign_stories" (
    "campaign_id" UUID NOT NULL,
    "brand_id" TEXT NOT NULL,
    "status" "StoryStatus" NOT NULL,
    "media_id" TEXT,
    "permalink" TEXT,
    "posted_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "failure_reason" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "campaign_stories_pkey" PRIMARY KEY ("campaign_id")
);

-- Ops' list of stories by status, newest change first.
CREATE INDEX "campaign_stories_status_updated_at_idx" ON "campaign_stories"("status", "updated_at" DESC, "campaign_id");
CREATE INDEX "campaign_stories_updated_at_idx" ON "campaign_stories"("updated_at" DESC, "campaign_id");
