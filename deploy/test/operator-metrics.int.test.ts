import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { CAMPAIGN_EVENTS_TOPIC } from '@campaign/contracts';
import { consumeCampaignEvents } from '@campaign/notifications-service';
import {
  createLogger,
  ensureTopics,
  reportOutboxBacklog,
  serveMetrics,
} from '@campaign/service-runtime';
import { eventually } from '@campaign/testing';
import request from 'supertest';
import { bearer } from './system/campaign-system';
import { buildMessengerAndInbox } from './system/messenger-inbox-system';

// What an operator scrapes from every process (on its metrics port, never the API's): HTTP
// requests by route pattern, Kafka consumer lag per group and partition, outbox backlogs; and the
// request id every answer carries, unique across replicas.
describe('signals for operators (real PostgreSQL and Kafka)', () => {
  const system = buildMessengerAndInbox('operator-metrics-test');
  const logger = createLogger('operator-metrics-test', 'silent');
  let metrics: Server;
  let scrapeUrl: string;

  beforeAll(async () => {
    metrics = await serveMetrics(0, logger);
    scrapeUrl = `http://127.0.0.1:${(metrics.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    metrics?.close();
    await system.stop();
  });

  const scrape = async () => (await request(scrapeUrl).get('/metrics').expect(200)).text;
  const series = (text: string, name: string) =>
    text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));

  it('counts requests by route pattern, never by a path with its ids', async () => {
    const auth = await bearer({ role: 'influencer', userId: `metrics-${randomUUID()}` });
    const missing = randomUUID();
    await request(system.notificationsApp)
      .post(`/notifications/${missing}/read`)
      .set('authorization', auth)
      .expect(404);
    await request(system.notificationsApp).get('/nowhere').set('authorization', auth).expect(404);
    const text = await scrape();
    const counts = series(text, 'http_server_request_duration_seconds_count');
    expect(counts).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /route="\/notifications\/:notificationId\/read".*status_code="404"|status_code="404".*route="\/notifications\/:notificationId\/read"/,
        ),
        expect.stringMatching(/route="unmatched"/),
      ]),
    );
    expect(text).not.toContain(missing);
  });

  it('returns a request id with every answer: a fresh UUID, or the well-formed one the ingress sent', async () => {
    const first = await request(system.notificationsApp).get('/healthz');
    const second = await request(system.notificationsApp).get('/healthz');
    expect(first.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
    const sent = `ingress-${randomUUID()}`;
    const kept = await request(system.notificationsApp).get('/healthz').set('x-request-id', sent);
    expect(kept.headers['x-request-id']).toBe(sent);
    // A header that could forge log lines is not kept.
    const forged = await request(system.notificationsApp)
      .get('/healthz')
      .set('x-request-id', 'x"} injected {line="forged');
    expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("reports a consumer group's lag, which falls to zero once it has caught up", async () => {
    const groupId = `operator-metrics-${randomUUID()}`;
    await ensureTopics(system.kafka, [CAMPAIGN_EVENTS_TOPIC]);
    const consuming = consumeCampaignEvents({
      kafka: system.kafka,
      inbox: system.inbox,
      newsletter: system.newsletter,
      logger,
      groupId,
    });
    try {
      await consuming.running;
      await eventually(
        async () => {
          const lags = series(await scrape(), 'kafka_consumer_lag').filter((line) =>
            line.includes(`group="${groupId}"`),
          );
          expect(lags.some((line) => line.includes(`topic="${CAMPAIGN_EVENTS_TOPIC}"`))).toBe(true);
          for (const line of lags) expect(line.endsWith(' 0')).toBe(true);
        },
        { timeoutMs: 30_000 },
      );
    } finally {
      await consuming.consumer.disconnect();
    }
  });

  it('reports each outbox backlog at scrape time', async () => {
    let owed = 7;
    reportOutboxBacklog('test-outbox', async () => owed);
    expect(series(await scrape(), 'outbox_backlog')).toContain(
      'outbox_backlog{outbox="test-outbox"} 7',
    );
    owed = 0;
    expect(series(await scrape(), 'outbox_backlog')).toContain(
      'outbox_backlog{outbox="test-outbox"} 0',
    );
  });
});
