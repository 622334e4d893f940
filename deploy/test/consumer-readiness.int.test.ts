import { randomUUID } from 'node:crypto';
import { CampaignEvent } from '@campaign/contracts';
import { createKafka, createLogger, runEventConsumer } from '@campaign/service-runtime';
import { testEnvironment } from '@campaign/testing';
import { Kafka, logLevel } from 'kafkajs';
import { topicOfOwn } from './system/campaign-events';

// A replica whose consumer no longer consumes says so on /readyz, or its events wait unseen.

describe('a consumer’s readiness (real Kafka)', () => {
  const env = testEnvironment();
  const logger = createLogger('consumer-readiness-test', 'silent');
  const consumerOf = (kafka: Kafka, topic: string) =>
    runEventConsumer({
      kafka,
      groupId: `consumer-readiness-test-${randomUUID()}`,
      topic,
      schema: CampaignEvent,
      logger,
      handle: async () => {},
    });

  it('is ready while it consumes, and not once it has stopped', async () => {
    const kafka = createKafka('consumer-readiness-test', env.kafkaBrokers, logger);
    const { consumer, running, readiness } = consumerOf(
      kafka,
      await topicOfOwn(kafka, 'consumer-readiness-test'),
    );
    await expect(readiness.check()).resolves.toBeUndefined();
    await running;
    await expect(readiness.check()).resolves.toBeUndefined();
    await consumer.disconnect();
    await expect(readiness.check()).rejects.toThrow('stopped');
  });

  it('is not ready when it could not start', async () => {
    // Nothing listens on port 1, and this client does not retry.
    const unreachable = new Kafka({
      clientId: 'consumer-readiness-test',
      brokers: ['127.0.0.1:1'],
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
    });
    const { running, readiness } = consumerOf(unreachable, 'campaign.lifecycle.v1');
    await expect(running).rejects.toThrow();
    await expect(readiness.check()).rejects.toThrow('could not start');
  });
});
