import { randomBytes, randomUUID } from 'node:crypto';
import { SpanKind } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { CAMPAIGN_EVENTS_TOPIC, CAMPAIGN_ACTIONS_UPDATE } from '@campaign/contracts';
import { consumeCampaignEvents } from '@campaign/notifications-service';
import { startTracing, type Tracing } from '@campaign/service-runtime';
import { eventually } from '@campaign/testing';
import type { Consumer } from 'kafkajs';
import request from 'supertest';
import {
  createBrand,
  createInfluencer,
  startCampaignSystem,
  type CampaignSystem,
} from './system/campaign-system';
import { buildMessengerAndInbox } from './system/messenger-inbox-system';

// One trace from the caller's request to who was told: the HTTP server span, the Temporal
// client's call, the workflow and its recording activity, and the notifications consumer's
// handling of the event recorded — across the outbox and Kafka, on the real engines. The
// services, the worker and the consumer run in this process, so their spans all reach the
// in-memory exporter that stands in for the collector.
const exporter = new InMemorySpanExporter();

describe('tracing a request through Temporal and Kafka (real engines)', () => {
  let tracing: Tracing;
  let system: CampaignSystem;
  let messenger: ReturnType<typeof buildMessengerAndInbox>;
  let consumer: Consumer;

  beforeAll(async () => {
    // Before the worker is made: its workflow spans reach the process's tracing through a sink.
    tracing = startTracing('tracing-test', { spanProcessor: new SimpleSpanProcessor(exporter) });
    // A task queue of its own: no other test file's worker (untraced here) runs its workflows.
    system = await startCampaignSystem('tracing-test', {
      taskQueue: `tracing-test-${randomUUID()}`,
    });
    messenger = buildMessengerAndInbox('tracing-test');
    const consuming = consumeCampaignEvents({
      kafka: messenger.kafka,
      inbox: messenger.inbox,
      newsletter: messenger.newsletter,
      logger: messenger.logger,
    });
    await consuming.running;
    consumer = consuming.consumer;
  });

  afterAll(async () => {
    await system?.stop();
    await consumer?.disconnect();
    await messenger?.stop();
    await tracing?.shutdown();
  });

  /** A caller's own span, as a browser's or a gateway's tracing would send it. */
  const callerSpan = () => {
    const traceId = randomBytes(16).toString('hex');
    const spanId = randomBytes(8).toString('hex');
    return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-01` };
  };

  const spansOf = (traceId: string) =>
    exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);

  /** The one span of the trace with this name; fails naming the trace's spans otherwise. */
  const only = (spans: ReadableSpan[], name: string | RegExp) => {
    const named = spans.filter((span) =>
      typeof name === 'string' ? span.name === name : name.test(span.name),
    );
    if (named.length !== 1) {
      throw new Error(`expected one span ${String(name)}, in ${spans.map((s) => s.name)}`);
    }
    return named[0]!;
  };

  const parentOf = (span: ReadableSpan) => span.parentSpanId;
  const idOf = (span: ReadableSpan) => span.spanContext().spanId;

  /** The notifications consumer's span, in this trace, for the event of this type. */
  async function consumedIn(traceId: string, campaignId: string, type: string) {
    const id = await eventIdOf(campaignId, type);
    return eventually(async () => {
      const consumed = spansOf(traceId).filter(
        (span) => span.kind === SpanKind.CONSUMER && span.attributes['messaging.message.id'] === id,
      );
      expect(consumed).toHaveLength(1);
      return consumed[0]!;
    });
  }

  /** The id of the event of this type the campaign's recording stored in the outbox. */
  async function eventIdOf(campaignId: string, type: string) {
    const row = await eventually(async () => {
      const rows = await system.db.campaignEventOutbox.findMany({ where: { subject: campaignId } });
      const found = rows.find((r) => (r.envelope as { type: string }).type === type);
      expect(found).toBeDefined();
      return found!;
    });
    return row.eventId;
  }

  async function publishedCampaign(brandAuth: string, traceparent?: string) {
    const created = await request(system.app)
      .post('/campaigns')
      .set('authorization', brandAuth)
      .send({ title: 'Traced glow', brief: 'Show our SPF in your routine' })
      .expect(201);
    const campaignId = created.body.id as string;
    const publish = request(system.app)
      .post(`/campaigns/${campaignId}/publish`)
      .set('authorization', brandAuth);
    const published = await (traceparent ? publish.set('traceparent', traceparent) : publish);
    expect(published.status).toBe(202);
    await eventually(async () => {
      const row = await system.db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
      expect(row.status).toBe('published');
    });
    return { campaignId, requestId: published.headers['x-request-id'] as string };
  }

  it('publishing a campaign: request → workflow start → recording → notifications consumer', async () => {
    const brand = await createBrand(system, 'professional');
    const caller = callerSpan();
    const { campaignId, requestId } = await publishedCampaign(brand.auth, caller.traceparent);

    const consumed = await consumedIn(caller.traceId, campaignId, 'CampaignPublished');
    const spans = spansOf(caller.traceId);

    // The server span continues the caller's trace, and carries the request id it answered with.
    const server = only(spans, 'POST /campaigns/:campaignId/publish');
    expect(server.kind).toBe(SpanKind.SERVER);
    expect(parentOf(server)).toBe(caller.spanId);
    expect(server.attributes['http.request.id']).toBe(requestId);
    expect(server.attributes['http.response.status_code']).toBe(202);
    // The Temporal client's start, in the request; the workflow's run, in the start.
    const start = only(spans, 'StartWorkflow:campaignWorkflow');
    expect(parentOf(start)).toBe(idOf(server));
    // The recording the workflow's run schedules (the run's own span ends with the campaign, so
    // it is not exported yet: the recording's parent is a span of this trace still open).
    const scheduled = only(spans, 'StartActivity:recordCampaignFacts');
    expect(parentOf(scheduled)).toBeDefined();
    expect(spans.map(idOf)).not.toContain(parentOf(scheduled));
    expect(parentOf(scheduled)).not.toBe(idOf(start));
    const recorded = only(spans, 'RunActivity:recordCampaignFacts');
    expect(parentOf(recorded)).toBe(idOf(scheduled));
    // The event left through the outbox and Kafka with the recording's context: who was told
    // is a child of the recording that stored the event.
    expect(consumed.name).toBe(`${CAMPAIGN_EVENTS_TOPIC} process`);
    expect(parentOf(consumed)).toBe(idOf(recorded));
    expect(consumed.attributes['messaging.message.type']).toBe('CampaignPublished');
  });

  it('applying: request → workflow update → recording → notifications consumer', async () => {
    const brand = await createBrand(system, 'professional');
    const { campaignId } = await publishedCampaign(brand.auth);
    const influencer = await createInfluencer(system);
    // No traceparent from this caller: the server span starts the trace.
    const applied = await request(system.app)
      .post(`/campaigns/${campaignId}/applications`)
      .set('authorization', influencer.auth)
      .expect(201);
    const requestId = applied.headers['x-request-id'] as string;
    const server = await eventually(async () => {
      const found = exporter
        .getFinishedSpans()
        .filter((span) => span.attributes['http.request.id'] === requestId);
      expect(found).toHaveLength(1);
      return found[0]!;
    });
    expect(server.name).toBe('POST /campaigns/:campaignId/applications');
    expect(parentOf(server)).toBeUndefined();
    const traceId = server.spanContext().traceId;

    const consumed = await consumedIn(traceId, campaignId, 'ApplicationReceived');
    const spans = spansOf(traceId);
    // The Temporal client's update, in the request; the workflow's handling of it, in the update.
    const update = only(spans, `StartWorkflowUpdate:${CAMPAIGN_ACTIONS_UPDATE}`);
    expect(parentOf(update)).toBe(idOf(server));
    const handled = only(spans, `HandleUpdate:${CAMPAIGN_ACTIONS_UPDATE}`);
    expect(parentOf(handled)).toBe(idOf(update));
    // The recording of the update's facts, scheduled in the update's context.
    const scheduled = only(spans, 'StartActivity:recordCampaignFacts');
    expect(parentOf(scheduled)).toBe(idOf(handled));
    const recorded = only(spans, 'RunActivity:recordCampaignFacts');
    expect(parentOf(recorded)).toBe(idOf(scheduled));
    // Who was told (the brand, of a new applicant) is a child of the recording of the event.
    expect(parentOf(consumed)).toBe(idOf(recorded));
    expect(consumed.attributes['messaging.message.type']).toBe('ApplicationReceived');
    // Nothing of the publish's trace leaked into this one.
    expect(spans.filter((span) => span.name.startsWith('StartWorkflow:'))).toEqual([]);
  });
});
