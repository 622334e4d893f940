-- Customer-success chat: conversations opened by a brand user (for the brand) or an influencer,
-- their messages (their own outbox, announced as SupportMessagePosted), and who each campaign
-- concerns, so a conversation can only name a campaign of its requester's.
CREATE TABLE "support_conversations" (
    "id" UUID NOT NULL,
    "owner_key" TEXT NOT NULL,
    "requester_role" TEXT NOT NULL,
    "requester_id" TEXT NOT NULL,
    "brand_id" TEXT,
    "campaign_id" UUID,
    "state" TEXT NOT NULL DEFAULT 'open',
    "assignee_id" TEXT,
    "awaiting_reply" BOOLEAN NOT NULL DEFAULT true,
    "last_message_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),
    "closed_by" TEXT,

    CONSTRAINT "support_conversations_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "support_conversations_state_check" CHECK ("state" IN ('open', 'closed')),
    CONSTRAINT "support_conversations_requester_role_check" CHECK ("requester_role" IN ('brand', 'influencer'))
);

-- The ops queue (a state, awaiting a reply first, newest first) and each owner's own list.
CREATE INDEX "support_conversations_queue_idx" ON "support_conversations"("state", "awaiting_reply" DESC, "last_message_at" DESC, "id");
CREATE INDEX "support_conversations_owner_idx" ON "support_conversations"("owner_key", "state", "awaiting_reply" DESC, "last_message_at" DESC, "id");

CREATE TABLE "support_messages" (
    "id" UUID NOT NULL,
    "conversation_id" UUID NOT NULL,
    "sender_id" TEXT NOT NULL,
    "sender_role" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "assignee_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "announced_at" TIMESTAMPTZ(3),

    CONSTRAINT "support_messages_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "support_messages_conversation_id_created_at_idx" ON "support_messages"("conversation_id", "created_at");
-- The relay reads only what it still owes.
CREATE INDEX "support_messages_unannounced_idx" ON "support_messages"("created_at") WHERE "announced_at" IS NULL;

ALTER TABLE "support_messages" ADD CONSTRAINT "support_messages_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "support_conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "campaign_parties" (
    "campaign_id" UUID NOT NULL,
    "party_key" TEXT NOT NULL,

    CONSTRAINT "campaign_parties_pkey" PRIMARY KEY ("campaign_id", "party_key")
);

-- What the Messenger already knows of campaigns that were announced before this change: the
-- conversations and groups it keeps name their brands and influencers. Keys are built as
-- principal.ts builds them (percent-encoding as JavaScript's encodeURIComponent).
CREATE FUNCTION pg_temp.uri_component(text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(string_agg(
    CASE WHEN ch ~ '^[A-Za-z0-9_.!~*''()-]$' THEN ch
         ELSE (SELECT string_agg('%' || upper(lpad(to_hex(b), 2, '0')), '')
               FROM (SELECT get_byte(convert_to(ch, 'UTF8'), i) AS b
                     FROM generate_series(0, octet_length(convert_to(ch, 'UTF8')) - 1) AS i) bytes)
    END, '' ORDER BY n), '')
  FROM regexp_split_to_table($1, '') WITH ORDINALITY AS chars(ch, n)
$$;

INSERT INTO "campaign_parties" ("campaign_id", "party_key")
SELECT DISTINCT "campaign_id", 'brand/' || pg_temp.uri_component("brand_id") || '/team'
FROM "conversations" WHERE "campaign_id" IS NOT NULL
UNION
SELECT DISTINCT "campaign_id", 'influencer/' || pg_temp.uri_component("influencer_id")
FROM "conversations" WHERE "campaign_id" IS NOT NULL
UNION
SELECT DISTINCT "campaign_id", 'brand/' || pg_temp.uri_component("brand_id") || '/team'
FROM "collaboration_members"
UNION
SELECT DISTINCT "campaign_id", 'influencer/' || pg_temp.uri_component("influencer_id")
FROM "collaboration_members"
ON CONFLICT DO NOTHING;
