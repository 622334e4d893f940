-- Chat: who sent a message, and the outbox marker for announcing it on Kafka.
ALTER TABLE "messages" ADD COLUMN "sender_role" TEXT NOT NULL DEFAULT 'brand';
ALTER TABLE "messages" ADD COLUMN "announced_at" TIMESTAMPTZ(3);
-- Messages delivered before the outbox existed were never to be announced.
UPDATE "messages" SET "announced_at" = "created_at";

-- The relay reads only what it still owes.
CREATE INDEX "messages_unannounced_idx" ON "messages"("created_at") WHERE "announced_at" IS NULL;

-- CreateTable
CREATE TABLE "collaboration_members" (
    "campaign_id" UUID NOT NULL,
    "influencer_id" TEXT NOT NULL,
    "brand_id" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "collaboration_members_pkey" PRIMARY KEY ("campaign_id","influencer_id")
);
