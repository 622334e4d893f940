-- Live conversations (Server-Sent Events): every message gets a position in its conversation,
-- 1, 2, 3…, durable and assigned in commit order, so a client that saw position N has seen every
-- message of the conversation at or below N, and "after N" is exactly what it missed.
ALTER TABLE "messages" ADD COLUMN "position" BIGINT NOT NULL DEFAULT 0;

-- What is there already is numbered in the order it was written.
UPDATE "messages" AS m SET "position" = numbered."position"
FROM (SELECT "id", row_number() OVER (PARTITION BY "conversation_id" ORDER BY "created_at", "id") AS "position"
      FROM "messages") AS numbered
WHERE m."id" = numbered."id";

CREATE UNIQUE INDEX "messages_conversation_id_position_key" ON "messages"("conversation_id", "position");

-- Whatever writes a message (a post, a group message, an invitation from Kafka) numbers it the same
-- way. Locking the conversation's row (FOR NO KEY UPDATE: the foreign-key checks of other inserts
-- still pass, the next writer of this conversation waits) until the transaction ends makes the
-- writers of one conversation commit in position order; other conversations never wait.
CREATE FUNCTION "messages_take_position"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "conversations" WHERE "id" = NEW."conversation_id" FOR NO KEY UPDATE;
  SELECT coalesce(max("position"), 0) + 1 INTO NEW."position"
  FROM "messages" WHERE "conversation_id" = NEW."conversation_id";
  RETURN NEW;
END
$$;

CREATE TRIGGER "messages_take_position" BEFORE INSERT ON "messages"
FOR EACH ROW EXECUTE FUNCTION "messages_take_position"();

-- Tells every replica's listener which conversation moved, at commit (never for a rolled-back
-- row): md5 of the conversation id and the new position.
CREATE FUNCTION "messages_announce"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('conversation_live', md5(NEW."conversation_id"::text) || ' ' || NEW."position");
  RETURN NULL;
END
$$;

CREATE TRIGGER "messages_announce" AFTER INSERT ON "messages"
FOR EACH ROW EXECUTE FUNCTION "messages_announce"();
