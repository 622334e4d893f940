-- Mails about a person's account (a sign-in link, a welcome, a teammate's invitation) are not
-- in-app notifications: the person is not signed in. The outbox holds them without a notification:
-- what the mail says is in `account_mail` (its links sealed: they open only in the sender, when it
-- renders the mail), and such a row has no `notification_id`. Once per event id, like every mail.
ALTER TABLE "mail_outbox" ALTER COLUMN "notification_id" DROP NOT NULL;
ALTER TABLE "mail_outbox" ADD COLUMN "account_mail" JSONB;
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_content_check"
    CHECK (("notification_id" IS NULL) <> ("account_mail" IS NULL));
