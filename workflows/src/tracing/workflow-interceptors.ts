// Bundled into the workflow sandbox beside the workflows (not imported by them): OpenTelemetry's
// workflow interceptors continue the trace of the client call that started or updated a workflow
// and hand it on to the activities it schedules. They only make spans, which leave the sandbox
// through the worker's `exporter` sink and never appear in a workflow's history: the commands a
// workflow emits, and so replay, are the same with or without them. Their tracer is ours, with ids
// that leave the workflow's random numbers alone (see workflow-span-ids.ts).
// First: OpenTelemetry's SDK needs the globals (`performance`) this gives the sandbox when loaded.
import '@temporalio/interceptors-opentelemetry/lib/workflow/runtime';
import type { Tracer } from '@opentelemetry/api';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow';
import { SpanExporter } from '@temporalio/interceptors-opentelemetry/lib/workflow/span-exporter';
import type { WorkflowInterceptors } from '@temporalio/workflow';
import { WorkflowSpanIds } from './workflow-span-ids';

let tracer: Tracer | undefined;

/** Not registered globally: the interceptors' own set-up registers the sandbox's context manager. */
function workflowTracer(): Tracer {
  tracer ??= new BasicTracerProvider({
    idGenerator: new WorkflowSpanIds(),
    spanProcessors: [new SimpleSpanProcessor(new SpanExporter())],
  }).getTracer('@campaign/workflows');
  return tracer;
}

class InboundInterceptor extends OpenTelemetryInboundInterceptor {
  protected override readonly tracer = workflowTracer();
}

class OutboundInterceptor extends OpenTelemetryOutboundInterceptor {
  protected override readonly tracer = workflowTracer();
}

export const interceptors = (): WorkflowInterceptors => ({
  inbound: [new InboundInterceptor()],
  outbound: [new OutboundInterceptor()],
  internals: [new OpenTelemetryInternalsInterceptor()],
});
