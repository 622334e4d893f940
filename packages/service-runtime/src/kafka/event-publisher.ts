import { Partitioners, type IHeaders, type Kafka, type Producer } from 'kafkajs';
import { currentTraceContext, type TraceContext } from '../tracing/trace-context';

export type PublishableEvent = { id: string; type: string; subject: string };

/**
 * An event with the trace context of the work that caused it (an outbox row keeps it beside the
 * event): sent as the record's `traceparent` / `tracestate` headers, never inside the event.
 */
export type TracedEvent = { event: PublishableEvent; trace?: TraceContext | null };

/**
 * Writes events keyed by their subject, so all events of one campaign land in one partition in
 * order. Delivery is at least once: a send is acknowledged by all in-sync replicas, and a retried
 * send (here or by a relay that sends its outbox again) repeats the event id, which every consumer
 * dedupes on. Retries stay bounded so a broken broker fails the send, and its caller retries later.
 */
export class EventPublisher {
  private readonly producer: Producer;
  private connected: Promise<void> | undefined;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      maxInFlightRequests: 1,
    });
  }

  /** Sends events caused by the work in progress: they carry the active span's trace context. */
  publish(topic: string, events: PublishableEvent[]): Promise<void> {
    const trace = currentTraceContext();
    return this.publishTraced(
      topic,
      events.map((event) => ({ event, trace })),
    );
  }

  /** Sends events, each with the trace context it was recorded in (a relay sending its outbox). */
  async publishTraced(topic: string, events: TracedEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.connect();
    await this.producer.send({
      topic,
      acks: -1,
      messages: events.map(({ event, trace }) => ({
        key: event.subject,
        value: JSON.stringify(event),
        headers: { 'event-id': event.id, 'event-type': event.type, ...traceHeaders(trace) },
      })),
    });
  }

  connect(): Promise<void> {
    this.connected ??= this.producer.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    return this.connected;
  }

  async disconnect(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
    this.connected = undefined;
  }
}

function traceHeaders(trace: TraceContext | null | undefined): IHeaders {
  if (!trace) return {};
  return {
    traceparent: trace.traceparent,
    ...(trace.tracestate ? { tracestate: trace.tracestate } : {}),
  };
}
