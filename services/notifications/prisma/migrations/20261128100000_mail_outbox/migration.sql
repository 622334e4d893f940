-- E-mail: every notification also goes out as a mail, through an outbox written in the same
-- transaction as the notification, and sent by the service's mail sender.
CREATE TABLE "mail_outbox" (
    "id" UUID NOT NULL,
    "notification_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "recipient_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "skipped" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mail_outbox_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "mail_outbox_notification_id_key" ON "mail_outbox"("notification_id");

-- One mail per recipient per event and kind, however often the event is consumed.
CREATE UNIQUE INDEX "mail_outbox_event_recipient_kind_key" ON "mail_outbox"("event_id", "recipient_id", "kind");

CREATE INDEX "mail_outbox_owed_idx" ON "mail_outbox"("next_attempt_at");

-- Where each inbox's mail goes (a person's, or a brand team's shared address).
CREATE TABLE "mail_addresses" (
    "recipient_id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mail_addresses_pkey" PRIMARY KEY ("recipient_id")
);
