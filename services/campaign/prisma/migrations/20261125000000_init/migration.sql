-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('draft', 'published', 'closed');

-- CreateTable
CREATE TABLE "campaigns" (
    "id" UUID NOT NULL,
    "brand_id" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "brief" TEXT NOT NULL,
    "qualifications" JSONB NOT NULL,
    "story_image_urls" TEXT[],
    "schedule" JSONB NOT NULL,
    "status" "CampaignStatus" NOT NULL DEFAULT 'draft',
    "published_at" TIMESTAMPTZ(3),
    "closes_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "campaigns_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "campaigns_brand_id_created_at_idx" ON "campaigns"("brand_id", "created_at");

-- CreateIndex
CREATE INDEX "campaigns_status_published_at_idx" ON "campaigns"("status", "published_at");
