-- The sender claims owed rows in next_attempt_at order; an index over every row made each claim
-- step over all the rows already sent (a newsletter day leaves 100,000 of them). Only owed rows
-- are indexed now, so a claim reads what it takes.
DROP INDEX "mail_outbox_owed_idx";
CREATE INDEX "mail_outbox_owed_idx" ON "mail_outbox"("next_attempt_at") WHERE "sent_at" IS NULL;
