-- A campaign's changes, live: every event recorded for a campaign (an application, a move on the
-- board, a signature, the close) announces itself on the channel `campaign_changes` when its
-- transaction commits, as md5(subject) || ' ' || position, which the campaign service's
-- listener wakes the brand's open board streams with. A campaign's events are recorded one
-- recording at a time (the workflow records in order), so per campaign the positions grow in
-- commit order and "the rows after N" is exactly what a reader missed.
CREATE FUNCTION "campaign_changes_notify"() RETURNS trigger AS $$
BEGIN
  IF NEW."topic" = 'campaign.lifecycle.v1' THEN
    PERFORM pg_notify('campaign_changes', md5(NEW."subject") || ' ' || NEW."position");
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "campaign_changes_notify"
AFTER INSERT ON "campaign_event_outbox"
FOR EACH ROW EXECUTE FUNCTION "campaign_changes_notify"();

-- A campaign's events by position, published or not (the owed index holds unpublished ones only):
-- what a board stream reads after its position, and the head it starts from.
CREATE INDEX "campaign_event_outbox_subject_position_idx" ON "campaign_event_outbox"("subject", "position" DESC);
