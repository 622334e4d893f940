import { ROOT_CONTEXT, context, propagation, type Context } from '@opentelemetry/api';

/**
 * A span's place in a trace as W3C Trace Context spells it: what an outbox row keeps beside its
 * event and what the relay sends as the Kafka record's headers, so the consumer's span continues
 * the trace of the request that caused the event.
 */
export type TraceContext = { traceparent: string; tracestate?: string };

/** The active span's trace context, or null when there is none (tracing off, or no span). */
export function currentTraceContext(): TraceContext | null {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  if (!carrier.traceparent) return null;
  return {
    traceparent: carrier.traceparent,
    ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}),
  };
}

/** The context a trace context (from headers or a stored row) continues; empty without one. */
export function contextOf(headers: Record<string, string | undefined>): Context {
  return propagation.extract(ROOT_CONTEXT, headers);
}

/** How an outbox row keeps the trace context it was written in (nullable text columns). */
export type TraceColumns = { traceParent: string | null; traceState: string | null };

/** The active trace context as an outbox row's columns: written with the row it belongs to. */
export function traceColumns(): TraceColumns {
  const trace = currentTraceContext();
  return { traceParent: trace?.traceparent ?? null, traceState: trace?.tracestate ?? null };
}

/** The trace context an outbox row kept, for the relay to send with its event. */
export function traceOfColumns(row: TraceColumns): TraceContext | null {
  if (!row.traceParent) return null;
  return {
    traceparent: row.traceParent,
    ...(row.traceState ? { tracestate: row.traceState } : {}),
  };
}
