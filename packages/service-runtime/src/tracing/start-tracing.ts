import { context, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { Resource, envDetectorSync } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  NoopSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

/** The process's tracing: where its spans go, and the resource (service name) they carry. */
export type Tracing = {
  /** False when no collector is configured: spans are neither made nor sent. */
  enabled: boolean;
  resource: Resource;
  /**
   * Where the process's finished spans go. The worker hands workflow spans to it: they are made
   * inside the workflow sandbox and reach the process through a sink.
   */
  spanProcessor: SpanProcessor;
  /** Sends the spans still buffered; call on shutdown. */
  shutdown: () => Promise<void>;
};

const DISABLED: Tracing = {
  enabled: false,
  resource: Resource.empty(),
  spanProcessor: new NoopSpanProcessor(),
  shutdown: async () => {},
};

let active: Tracing = DISABLED;

/**
 * Starts the process's tracing, first thing in its `main.ts`, configured by the standard
 * OpenTelemetry variables: `OTEL_EXPORTER_OTLP_ENDPOINT` (or `…_TRACES_ENDPOINT`) is the collector
 * spans are sent to over OTLP/HTTP (protobuf), `OTEL_SERVICE_NAME` and `OTEL_RESOURCE_ATTRIBUTES`
 * name the process, `OTEL_SDK_DISABLED=true` turns it off. Without an endpoint nothing is
 * registered: every span call is OpenTelemetry's no-op, so an untraced process pays nothing.
 * Trace context travels as W3C `traceparent` / `tracestate`, in HTTP and Kafka headers alike.
 *
 * `spanProcessor` replaces the OTLP export (a test's in-memory exporter).
 */
export function startTracing(
  serviceName: string,
  options: { spanProcessor?: SpanProcessor; env?: NodeJS.ProcessEnv } = {},
): Tracing {
  const env = options.env ?? process.env;
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const disabled = env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true';
  if (active.enabled) return active;
  if (disabled || (!endpoint && !options.spanProcessor)) return active;
  // Ours first, the variables' after: OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES override.
  const resource = Resource.default()
    .merge(new Resource({ [ATTR_SERVICE_NAME]: serviceName }))
    .merge(envDetectorSync.detect());
  const spanProcessor = options.spanProcessor ?? new BatchSpanProcessor(new OTLPTraceExporter());
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  // The default context manager (AsyncLocalStorage) keeps the active span across awaits.
  provider.register({ propagator: new W3CTraceContextPropagator() });
  active = {
    enabled: true,
    resource,
    spanProcessor,
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
      active = DISABLED;
    },
  };
  return active;
}

/** The tracing `startTracing` started in this process (a disabled one if none). */
export function activeTracing(): Tracing {
  return active;
}
