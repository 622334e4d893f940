-- The trace an outgoing event was recorded in (W3C Trace Context): the relay sends it as the Kafka
-- record's `traceparent` / `tracestate` headers, so a consumer's span continues the trace of the
-- request that caused the event. Kept beside the event, not in it: no payload contract changes.
-- Null when tracing is off, and for events recorded before this column.
ALTER TABLE "campaign_event_outbox" ADD COLUMN "trace_parent" TEXT;
ALTER TABLE "campaign_event_outbox" ADD COLUMN "trace_state" TEXT;
