import {
  buildServiceApp,
  type IdempotencyStore,
  type Logger,
  type ReadinessCheck,
  type StreamListener,
} from '@campaign/service-runtime';
import type { Express } from 'express';
import type { InboxStore } from './db/inbox-store';
import { inboxRoutes } from './routes/inbox';

export type NotificationsAppDeps = {
  logger: Logger;
  authSecret: string;
  corsOrigins?: string[];
  inbox: InboxStore;
  idempotencyStore: IdempotencyStore;
  readiness: ReadinessCheck[];
  /** The process's one listener on `inbox_live` (`createInboxListener`), for live inboxes. */
  live?: StreamListener;
  /** The frame's settings, when a test or a deployment wants other than its defaults. */
  requestDeadlineMs?: number;
  eventStreamsPerPrincipal?: number;
};

export function buildNotificationsApp(deps: NotificationsAppDeps): Express {
  return buildServiceApp({
    ...deps,
    api: { title: 'Notifications API', description: 'In-app inboxes.' },
    routes: [inboxRoutes(deps)],
    bodyLimitBytes: 100 * 1024,
  });
}

export { NotificationsConfig } from './config';
export { createInboxStore } from './db/inbox-store';
export { createInboxListener } from './db/inbox-listener';
export { createPrismaClient } from './db/prisma-client';
export { consumeCampaignEvents } from './events/campaign-events-consumer';
export { consumeMessagingEvents } from './events/messaging-events-consumer';
export { notificationsForEvent, type NotificationDraft } from './domain/notifications-for-event';
export { createPrismaAddressBook, type AddressBook } from './mail/address-book';
export { createMailOutbox } from './mail/mail-outbox';
export { createSmtpTransport, mailRetryDelay, startMailSender } from './mail/mail-sender';
export { mailTemplates, renderMail } from './mail/templates';
