-- CreateEnum
CREATE TYPE "ApplicantStatus" AS ENUM ('pending', 'selected', 'declined');

-- CreateEnum
CREATE TYPE "AgreementStatus" AS ENUM ('pending', 'accepted', 'declined', 'expired', 'lapsed');

-- AlterTable
ALTER TABLE "campaigns" ADD COLUMN "collaboration_started_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "applications" (
    "campaign_id" UUID NOT NULL,
    "influencer_id" TEXT NOT NULL,
    "status" "ApplicantStatus" NOT NULL DEFAULT 'pending',
    "source" TEXT NOT NULL,
    "applied_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "applications_pkey" PRIMARY KEY ("campaign_id","influencer_id")
);

-- CreateTable
CREATE TABLE "invitations" (
    "campaign_id" UUID NOT NULL,
    "influencer_id" TEXT NOT NULL,
    "invited_by" TEXT NOT NULL,
    "invited_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("campaign_id","influencer_id")
);

-- CreateTable
CREATE TABLE "agreements" (
    "campaign_id" UUID NOT NULL,
    "influencer_id" TEXT NOT NULL,
    "status" "AgreementStatus" NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL,
    "deadline" TIMESTAMPTZ(3) NOT NULL,
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "agreements_pkey" PRIMARY KEY ("campaign_id","influencer_id")
);

-- CreateTable
CREATE TABLE "collaborators" (
    "campaign_id" UUID NOT NULL,
    "influencer_id" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "collaborators_pkey" PRIMARY KEY ("campaign_id","influencer_id")
);

-- CreateTable
CREATE TABLE "ops_actions" (
    "id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "influencer_id" TEXT,
    "reason" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ops_actions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "applications_campaign_id_status_idx" ON "applications"("campaign_id", "status");

-- CreateIndex
CREATE INDEX "applications_influencer_id_idx" ON "applications"("influencer_id");

-- CreateIndex
CREATE INDEX "agreements_campaign_id_status_idx" ON "agreements"("campaign_id", "status");

-- CreateIndex
CREATE INDEX "agreements_influencer_id_idx" ON "agreements"("influencer_id");

-- CreateIndex
CREATE INDEX "collaborators_influencer_id_idx" ON "collaborators"("influencer_id");

-- CreateIndex
CREATE INDEX "ops_actions_campaign_id_at_idx" ON "ops_actions"("campaign_id", "at");
