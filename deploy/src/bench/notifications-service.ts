import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  buildNotificationsApp,
  consumeCampaignEvents,
  consumeInfluencerProfiles,
  createInboxStore,
  createInfluencerAudienceStore,
  createNewsletterEditions,
  createNewsletterSubscriptions,
  createPreferenceStore,
  createUnsubscribeLinks,
  createPrismaClient,
} from '@campaign/notifications-service';
import { CAMPAIGN_EVENTS_TOPIC, INFLUENCER_PROFILES_TOPIC } from '@campaign/contracts';
import {
  createKafka,
  createLogger,
  createPrismaIdempotencyStore,
  ensureTopics,
} from '@campaign/service-runtime';

/**
 * The notifications service as the stack runs it for campaign events (its consumer of the
 * campaign topic, and of profile changes beside it; its database; its inbox API on a loopback
 * port), wired in the bench's process.
 * It shares the campaign service's auth secret, so an influencer's token reads their inbox.
 * Answers once its consumer has joined its group: an event sent before that would wait for the
 * join, and the first sample would measure the join instead of the path.
 */
export async function startNotificationsService(wiring: {
  databaseUrl: string;
  kafkaBrokers: string;
  authSecret: string;
}) {
  const logger = createLogger('bench-notifications', 'silent');
  const db = createPrismaClient(wiring.databaseUrl);
  const inbox = createInboxStore(db);
  const kafka = createKafka('bench-notifications', wiring.kafkaBrokers.split(','), logger);
  await ensureTopics(kafka, [CAMPAIGN_EVENTS_TOPIC, INFLUENCER_PROFILES_TOPIC]);
  const newsletter = createNewsletterEditions(db, { settleMs: 1_000 });
  const campaignEvents = consumeCampaignEvents({ kafka, inbox, newsletter, logger });
  // As in the service: what it knows of influencers' profiles follows their changes.
  const profileChanges = consumeInfluencerProfiles({
    kafka,
    audience: createInfluencerAudienceStore(db),
    logger,
  });
  const { consumer } = campaignEvents;
  const joined = new Promise<void>((resolve, reject) => {
    consumer.on(consumer.events.GROUP_JOIN, () => resolve());
    setTimeout(
      () => reject(new Error('the notifications consumer did not join within 60 s')),
      60_000,
    ).unref();
  });
  await Promise.all([campaignEvents.running, profileChanges.running]);
  await joined;
  const app = buildNotificationsApp({
    logger,
    authSecret: wiring.authSecret,
    inbox,
    newsletter: {
      subscriptions: createNewsletterSubscriptions(db),
      links: createUnsubscribeLinks({
        authSecret: wiring.authSecret,
        publicUrl: 'http://127.0.0.1',
      }),
    },
    preferences: createPreferenceStore(db),
    idempotencyStore: createPrismaIdempotencyStore(db.idempotencyKey),
    readiness: [campaignEvents.readiness, profileChanges.readiness],
  });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    db,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await consumer.disconnect();
      await profileChanges.consumer.disconnect();
      await db.$disconnect();
    },
  };
}

export type NotificationsService = Awaited<ReturnType<typeof startNotificationsService>>;
