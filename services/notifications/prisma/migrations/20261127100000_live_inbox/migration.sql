-- Live inboxes (Server-Sent Events): every notification gets a position in its inbox, 1, 2, 3…,
-- durable and assigned in commit order, so a client that saw position N has seen every
-- notification of that inbox at or below N, and "after N" is exactly what it missed. A timestamp
-- could not say that: two rows can share one, and a row stamped earlier can commit later.

-- Each inbox's last position. Taking the next one locks the inbox's row until the transaction
-- ends, so the writers of one inbox commit in position order (writers of different inboxes never
-- wait for each other). A duplicate delivery skipped by ON CONFLICT still takes a number: ids may
-- have gaps, never a row out of order.
CREATE TABLE "inbox_heads" (
    "recipient_id" TEXT NOT NULL,
    "position" BIGINT NOT NULL,

    CONSTRAINT "inbox_heads_pkey" PRIMARY KEY ("recipient_id")
);

ALTER TABLE "notifications" ADD COLUMN "position" BIGINT NOT NULL DEFAULT 0;

-- What is there already is numbered in the order it arrived.
UPDATE "notifications" AS n SET "position" = numbered."position"
FROM (SELECT "id", row_number() OVER (PARTITION BY "recipient_id" ORDER BY "created_at", "id") AS "position"
      FROM "notifications") AS numbered
WHERE n."id" = numbered."id";

INSERT INTO "inbox_heads" ("recipient_id", "position")
SELECT "recipient_id", max("position") FROM "notifications" GROUP BY "recipient_id";

CREATE UNIQUE INDEX "notifications_recipient_id_position_key" ON "notifications"("recipient_id", "position");

-- Whatever writes a notification (a consumer on any replica, a test, a later tool) numbers it the
-- same way: the position is the database's to give, not the writer's.
CREATE FUNCTION "notifications_take_position"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "inbox_heads" AS head ("recipient_id", "position") VALUES (NEW."recipient_id", 1)
  ON CONFLICT ("recipient_id") DO UPDATE SET "position" = head."position" + 1
  RETURNING head."position" INTO NEW."position";
  RETURN NEW;
END
$$;

CREATE TRIGGER "notifications_take_position" BEFORE INSERT ON "notifications"
FOR EACH ROW EXECUTE FUNCTION "notifications_take_position"();

-- Tells every replica's listener which inbox moved, at commit (never for a rolled-back row):
-- md5 of the inbox key (a payload stays small whatever the key) and the new position.
CREATE FUNCTION "notifications_announce"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('inbox_live', md5(NEW."recipient_id") || ' ' || NEW."position");
  RETURN NULL;
END
$$;

CREATE TRIGGER "notifications_announce" AFTER INSERT ON "notifications"
FOR EACH ROW EXECUTE FUNCTION "notifications_announce"();
