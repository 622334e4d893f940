import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  buildNotificationsApp,
  consumeCampaignEvents,
  consumeInfluencerProfiles,
  createInboxListener,
  createInboxStore,
  createInfluencerAudienceStore,
  createMailOutbox,
  createNewsletterEditions,
  createNewsletterSubscriptions,
  createPreferenceStore,
  createPrismaAddressBook,
  createUnsubscribeLinks,
  createPrismaClient,
  createSmtpTransport,
  startMailSender,
} from '@campaign/notifications-service';
import {
  ACCOUNTS_TOPIC,
  CAMPAIGN_EVENTS_TOPIC,
  INFLUENCER_PROFILES_TOPIC,
} from '@campaign/contracts';
import {
  createKafka,
  createLogger,
  createPrismaIdempotencyStore,
  ensureTopics,
  type OutboxRelay,
} from '@campaign/service-runtime';
import { defaultMailSettings } from './mail-settings';

/**
 * The notifications service as the stack runs it for campaign events (its consumer of the
 * campaign topic, and of profile changes beside it; its database; its inbox API with live
 * inboxes on a loopback port; and on demand its mail sender to the bench's SMTP server), wired in
 * the bench's process.
 * It shares the campaign service's auth secret, so an influencer's token reads their inbox.
 * Answers once its consumer has joined its group: an event sent before that would wait for the
 * join, and the first sample would measure the join instead of the path.
 */
export async function startNotificationsService(wiring: {
  databaseUrl: string;
  kafkaBrokers: string;
  authSecret: string;
  smtp: { host: string; port: number };
}) {
  const logger = createLogger('bench-notifications', 'silent');
  const db = createPrismaClient(wiring.databaseUrl);
  const unsubscribeLinks = createUnsubscribeLinks({
    authSecret: wiring.authSecret,
    publicUrl: 'http://127.0.0.1',
  });
  // The mail sender, once a scenario starts it: a delivery wakes it, as in the service's main.
  let mailSender: (OutboxRelay & { close: () => void }) | undefined;
  const inbox = createInboxStore(db, { onDelivered: () => mailSender?.wake() });
  const addressBook = createPrismaAddressBook(db);
  const live = createInboxListener(wiring.databaseUrl, logger, 'bench-notifications').start();
  const kafka = createKafka('bench-notifications', wiring.kafkaBrokers.split(','), logger);
  await ensureTopics(kafka, [CAMPAIGN_EVENTS_TOPIC, INFLUENCER_PROFILES_TOPIC, ACCOUNTS_TOPIC]);
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
      links: unsubscribeLinks,
    },
    preferences: createPreferenceStore(db),
    live,
    idempotencyStore: createPrismaIdempotencyStore(db.idempotencyKey),
    readiness: [campaignEvents.readiness, profileChanges.readiness],
  });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;

  /**
   * Starts the service's mail sender with its config's defaults, sending to the bench's SMTP
   * server; the returned stop ends it and closes its connections. One at a time.
   */
  function startMail() {
    if (mailSender) throw new Error('the mail sender runs already');
    const settings = defaultMailSettings();
    const transport = createSmtpTransport({ ...wiring.smtp, secure: false }, settings.concurrency);
    const sender = startMailSender({
      outbox: createMailOutbox(db),
      addressBook,
      transport,
      from: settings.from,
      appBaseUrl: settings.appBaseUrl,
      unsubscribeUrlFor: (recipientId) => unsubscribeLinks.urlFor(recipientId),
      linkSecret: wiring.authSecret,
      logger,
      concurrency: settings.concurrency,
      retry: settings.retry,
    });
    mailSender = { ...sender, close: () => transport.close?.() };
    return {
      settings,
      async stop() {
        await sender.stop();
        transport.close?.();
        mailSender = undefined;
      },
    };
  }

  return {
    url: `http://127.0.0.1:${port}`,
    db,
    inbox,
    addressBook,
    live,
    unsubscribeLinks,
    startMail,
    async stop() {
      await mailSender?.stop();
      mailSender?.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await consumer.disconnect();
      await profileChanges.consumer.disconnect();
      await live.stop();
      await db.$disconnect();
    },
  };
}

export type NotificationsService = Awaited<ReturnType<typeof startNotificationsService>>;
