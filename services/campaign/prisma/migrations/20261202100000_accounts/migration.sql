-- Accounts: the people who sign in (brand users, influencers, ops), each reached by e-mail. An
-- account's id is the `userId` of its sessions; a brand user's account belongs to one brand.

CREATE TABLE "accounts" (
    "id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "brand_id" TEXT,
    "name" TEXT NOT NULL,
    -- Personal data: shown to the person, to their brand's team, and to ops; never logged.
    "email" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- Their first sign-in; null while an invitation is unanswered.
    "joined_at" TIMESTAMPTZ(3),

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "accounts_role_check" CHECK ("role" IN ('brand', 'influencer', 'ops')),
    CONSTRAINT "accounts_brand_check" CHECK (("role" = 'brand') = ("brand_id" IS NOT NULL)),
    CONSTRAINT "accounts_brand_id_fkey" FOREIGN KEY ("brand_id") REFERENCES "brands"("id")
);

-- One account per role (and brand) per address, addresses compared case-blind; sign-in finds
-- every account of an address by the same expression.
CREATE UNIQUE INDEX "accounts_role_brand_email_key"
    ON "accounts"("role", COALESCE("brand_id", ''), lower("email"));
CREATE INDEX "accounts_email_idx" ON "accounts"(lower("email"));
CREATE INDEX "accounts_brand_id_idx" ON "accounts"("brand_id", "created_at");

-- One-time sign-in codes: only their SHA-256 is kept, so what the table holds opens nothing.
-- `mail_id` is the event of the mail that carried it: the rate limit counts mails per address.
CREATE TABLE "sign_in_codes" (
    "code_hash" BYTEA NOT NULL,
    "account_id" TEXT NOT NULL,
    "mail_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),

    CONSTRAINT "sign_in_codes_pkey" PRIMARY KEY ("code_hash"),
    CONSTRAINT "sign_in_codes_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id")
);

CREATE INDEX "sign_in_codes_account_id_created_at_idx" ON "sign_in_codes"("account_id", "created_at");
CREATE INDEX "sign_in_codes_expires_at_idx" ON "sign_in_codes"("expires_at");

-- Every change of a brand's plan, by ops: who, when, from → to, and why. Never rewritten.
CREATE TABLE "plan_changes" (
    "id" UUID NOT NULL,
    "brand_id" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "from_plan" "Plan" NOT NULL,
    "to_plan" "Plan" NOT NULL,
    "reason" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "plan_changes_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "plan_changes_brand_id_fkey" FOREIGN KEY ("brand_id") REFERENCES "brands"("id")
);

CREATE INDEX "plan_changes_brand_id_at_idx" ON "plan_changes"("brand_id", "at");
CREATE INDEX "plan_changes_at_idx" ON "plan_changes"("at");
