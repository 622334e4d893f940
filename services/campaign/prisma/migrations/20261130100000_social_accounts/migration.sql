-- An influencer's connected social account (Instagram): the only source of a profile's audience
-- figures. Keyed by the whole principal (role, user), never by a bare user id.

CREATE TYPE "SocialAccountStatus" AS ENUM ('connected', 'expired', 'revoked');

CREATE TABLE "social_accounts" (
    "principal" TEXT NOT NULL,
    "influencer_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    -- The long-lived token, AES-256-GCM (nonce, tag, ciphertext), under the key named by its id;
    -- null once the account is expired or revoked (it opens nothing any more).
    "token_ciphertext" BYTEA,
    "token_key_id" TEXT,
    "token_expires_at" TIMESTAMPTZ(3),
    "status" "SocialAccountStatus" NOT NULL,
    -- When the status last changed: ops see the accounts that need attention, newest first.
    "status_changed_at" TIMESTAMPTZ(3) NOT NULL,
    "refreshed_at" TIMESTAMPTZ(3),
    "connected_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "social_accounts_pkey" PRIMARY KEY ("principal")
);

CREATE INDEX "social_accounts_status_changed_idx" ON "social_accounts"("status", "status_changed_at" DESC, "principal");

-- Where a profile's audience figures came from: 'none' (a new profile, zero until an account is
-- connected), 'account' (a connected account) or 'import' (the dev seed's demo influencers and
-- profiles imported from elsewhere). Profiles written before had their figures imported.
ALTER TABLE "influencer_profiles" ADD COLUMN "audience_source" TEXT NOT NULL DEFAULT 'none';
UPDATE "influencer_profiles" SET "audience_source" = 'import' WHERE "followers" > 0;
