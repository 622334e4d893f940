-- CreateTable
CREATE TABLE "results" (
    "id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "influencer_id" TEXT NOT NULL,
    "post_url" TEXT NOT NULL,
    "reach" INTEGER NOT NULL,
    "impressions" INTEGER NOT NULL,
    "likes" INTEGER NOT NULL,
    "comments" INTEGER NOT NULL,
    "clicks" INTEGER NOT NULL,
    "screenshot_urls" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "results_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "results_campaign_id_influencer_id_idx" ON "results"("campaign_id", "influencer_id");
