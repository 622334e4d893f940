// Bundled into the workflow sandbox beside the workflows (not imported by them): OpenTelemetry's
// workflow interceptors continue the trace of the client call that started or updated a workflow
// and hand it on to the activities it schedules. They only make spans, which leave the sandbox
// through the worker's `exporter` sink and never appear in a workflow's history: the commands a
// workflow emits, and so replay, are the same with or without them.
export { interceptors } from '@temporalio/interceptors-opentelemetry/lib/workflow-interceptors';
