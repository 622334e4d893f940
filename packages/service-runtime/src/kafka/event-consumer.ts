import { SpanKind, SpanStatusCode, context, trace, type Span } from '@opentelemetry/api';
import type { Consumer, EachMessagePayload, Kafka, KafkaMessage } from 'kafkajs';
import type { z } from 'zod';
import type { ReadinessCheck } from '../http/health';
import type { Logger } from '../logger';
import { reportConsumerLag } from '../metrics/kafka-lag-metrics';
import { consumerReadiness } from './consumer-readiness';
import { consumerGroupTopics } from './dead-letter-topics';
import { deadLetterParking } from './dead-letter-parking';
import { decodeEvent, type KnownEvent } from './decode-event';
import { failureReason } from './failure-reason';
import { ensureTopics } from './kafka';
import { header, parkedRecord } from './parked-record';
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './retry-policy';
import { contextOf } from '../tracing/trace-context';

const tracer = trace.getTracer('@campaign/service-runtime/kafka');

export type EventConsumerOptions<Schema extends z.ZodType<KnownEvent>> = {
  kafka: Kafka;
  groupId: string;
  topic: string;
  schema: Schema;
  logger: Logger;
  /**
   * Must be idempotent by event id: Kafka delivers at least once, so the same event can arrive
   * again after a crash, a rebalance or a replay. Throwing makes the consumer try the event again,
   * as the retry policy says, and then park it.
   */
  handle: (event: z.infer<Schema>) => Promise<void>;
  retry?: RetryPolicy;
  /**
   * Resolves while the stores `handle` writes to answer. An event whose last try fails while they
   * do not is not to blame: it is not parked but left to kafkajs to deliver again, so an outage
   * does not empty the topic onto the dead-letter topic.
   */
  dependenciesReady?: () => Promise<unknown>;
};

export type EventConsumer = {
  consumer: Consumer;
  /** Settles when the consumer runs, or rejects if it could not start. */
  running: Promise<void>;
  /** For the service's /readyz: fails once the consumer has stopped consuming for good. */
  readiness: ReadinessCheck;
};

/**
 * Consumes one topic in a consumer group, and the group's retry topic beside it. An event is
 * never skipped and never blocks the events behind it: a failing event is tried again a bounded
 * number of times, then parked on the group's dead-letter topic (see dead-letter-topics.ts); a
 * record that is no event this consumer knows (bad JSON, a new type, a newer version) is parked
 * at once. The offset is committed only once the event is handled or durably parked; if even
 * parking fails, the consumer throws and kafkajs delivers the record again later.
 *
 * Returns at once: joining the group can wait on a rebalance (a member that died without leaving
 * holds its partitions until its session times out), and the service should serve meanwhile.
 */
export function runEventConsumer<Schema extends z.ZodType<KnownEvent>>(
  options: EventConsumerOptions<Schema>,
): EventConsumer {
  const { kafka, groupId, topic, schema, logger, handle } = options;
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const topics = consumerGroupTopics(topic, groupId);
  const consumer = kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    sessionTimeout: 15_000,
  });
  const deadLetters = deadLetterParking(kafka, topics.deadLetters);
  consumer.on(consumer.events.DISCONNECT, () => deadLetters.disconnect());

  const park = async (
    record: KafkaMessage,
    from: { topic: string; partition: number },
    reason: string,
    attempts: number,
  ) => {
    const parking = { ...from, offset: record.offset, groupId, reason, attempts };
    await deadLetters.park(parkedRecord(record, { ...parking, at: new Date() }));
    logger.error(
      { ...parking, eventId: header(record.headers, 'event-id') },
      'event parked on the dead-letter topic',
    );
  };

  const handleRecord = async (
    { topic: from, partition, message, heartbeat }: EachMessagePayload,
    span: Span,
  ): Promise<void> => {
    const decoded = decodeEvent(schema, message.value);
    if ('notAnEvent' in decoded) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'parked: not an event' });
      await park(message, { topic: from, partition }, decoded.notAnEvent, 0);
      return;
    }
    const { event } = decoded;
    span.setAttribute('messaging.message.type', event.type);
    for (let attempt = 1; ; attempt++) {
      try {
        await handle(event);
        return;
      } catch (error) {
        const reason = failureReason(error);
        const about = { topic: from, partition, offset: message.offset, eventId: event.id };
        if (attempt >= retry.attempts) {
          if (!(await answers(options.dependenciesReady))) {
            logger.warn({ ...about, reason }, 'event failed while a dependency is down');
            // kafkajs logs the thrown error's message and stack: the reason, never a driver's values.
            throw new Error(`event failed while a dependency is down: ${reason}`, {
              cause: error,
            });
          }
          span.setStatus({ code: SpanStatusCode.ERROR, message: `parked: ${reason}` });
          await park(message, { topic: from, partition }, reason, attempt);
          return;
        }
        logger.warn({ ...about, type: event.type, attempt, reason }, 'event failed; retrying');
        await sleep(retryDelayMs(retry, attempt));
        // Keeps the group's session across the waits; throws if the group rebalances, and
        // the event is delivered again to whoever holds the partition next.
        await heartbeat();
      }
    }
  };
  const running = (async () => {
    // The group's own topics are made here rather than in each main.ts: their names depend on the
    // group, and a test's group of its own needs them as much as the service's.
    await ensureTopics(kafka, [topics.deadLetters, topics.retries], 1);
    await consumer.connect();
    await consumer.subscribe({ topics: [topic, topics.retries], fromBeginning: true });
    await consumer.run({
      eachMessage: (payload) => {
        // A child of the span that recorded the event (its `traceparent` header), not a link:
        // each record is handled on its own, as the last step of the request that caused it, so
        // one trace shows the request, the workflow and who was told. A retry or a redelivery
        // adds another child to the same trace.
        const { topic: from, partition, message } = payload;
        const parent = contextOf({
          traceparent: header(message.headers, 'traceparent'),
          tracestate: header(message.headers, 'tracestate'),
        });
        const span = tracer.startSpan(
          `${from} process`,
          {
            kind: SpanKind.CONSUMER,
            attributes: {
              'messaging.system': 'kafka',
              'messaging.operation.type': 'process',
              'messaging.destination.name': from,
              'messaging.destination.partition.id': String(partition),
              'messaging.consumer.group.name': groupId,
              'messaging.kafka.offset': Number(message.offset),
              'messaging.message.id': header(message.headers, 'event-id') ?? '',
            },
          },
          parent,
        );
        return context.with(trace.setSpan(parent, span), () =>
          handleRecord(payload, span).then(
            () => span.end(),
            (error: unknown) => {
              span.setStatus({ code: SpanStatusCode.ERROR, message: failureReason(error) });
              span.end();
              throw error;
            },
          ),
        );
      },
    });
  })();

  reportConsumerLag(kafka, groupId, [topic, topics.retries]);
  const readiness = consumerReadiness(`${groupId} consumer`, consumer, running);
  return { consumer, running, readiness };
}

async function answers(check: (() => Promise<unknown>) | undefined): Promise<boolean> {
  if (!check) return true;
  try {
    await check();
    return true;
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
