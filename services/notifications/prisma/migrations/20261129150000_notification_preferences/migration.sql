-- Notification preferences: per person (the whole principal key, never a bare user id) and kind,
-- whether a notification also reaches them by e-mail. A row is a choice the person made; a kind
-- they never chose for has no row and follows the default (the inbox and an e-mail), so a later
-- change of a default reaches everyone who never chose, and nobody's explicit choice is undone.
-- Mail is owed at the moment a notification is stored, by reading this table in the same
-- transaction (see inbox-store.ts).
CREATE TABLE "notification_preferences" (
    "recipient_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "email" BOOLEAN NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_preferences_pkey" PRIMARY KEY ("recipient_id", "kind")
);
