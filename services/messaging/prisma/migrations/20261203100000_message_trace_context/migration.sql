-- The trace a message was posted in (W3C Trace Context): the relay announces it with the Kafka
-- record's `traceparent` / `tracestate` headers, so the notification of a message continues the
-- trace of the request that posted it. Beside the message, not in its event. Null when tracing is
-- off, and for messages posted before these columns.
ALTER TABLE "messages" ADD COLUMN "trace_parent" TEXT;
ALTER TABLE "messages" ADD COLUMN "trace_state" TEXT;
ALTER TABLE "support_messages" ADD COLUMN "trace_parent" TEXT;
ALTER TABLE "support_messages" ADD COLUMN "trace_state" TEXT;
