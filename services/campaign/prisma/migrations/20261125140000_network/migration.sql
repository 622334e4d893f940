-- CreateEnum
CREATE TYPE "Plan" AS ENUM ('starter', 'professional', 'enterprise');

-- CreateTable
CREATE TABLE "brands" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "plan" "Plan" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "brands_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "influencer_profiles" (
    "id" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "niches" TEXT[],
    "country" CHAR(2) NOT NULL,
    "followers" INTEGER NOT NULL,
    "engagement_rate" DECIMAL(5,2) NOT NULL,
    "shipping_address" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "influencer_profiles_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "influencer_profiles_handle_key" ON "influencer_profiles"("handle");

-- CreateIndex
CREATE INDEX "influencer_profiles_country_followers_idx" ON "influencer_profiles"("country", "followers" DESC);

-- CreateIndex
CREATE INDEX "influencer_profiles_followers_idx" ON "influencer_profiles"("followers" DESC);

-- CreateIndex
CREATE INDEX "influencer_profiles_niches_idx" ON "influencer_profiles" USING GIN ("niches");
