import {
  buildServiceApp,
  deadLetterRoutes,
  type DeadLetterDesk,
  type ExternalIssuerSettings,
  type IdempotencyStore,
  type Logger,
  type ReadinessCheck,
  type StreamListener,
} from '@campaign/service-runtime';
import type { Express } from 'express';
import type { InboxStore } from './db/inbox-store';
import type { NewsletterSubscriptions } from './newsletter/newsletter-subscriptions';
import type { UnsubscribeLinks } from './newsletter/unsubscribe-links';
import type { PreferenceStore } from './db/preference-store';
import { inboxRoutes } from './routes/inbox';
import { newsletterLinkRoutes, newsletterRoutes } from './routes/newsletter';
import { preferenceRoutes } from './routes/preferences';

export type NotificationsAppDeps = {
  logger: Logger;
  authSecret: string;
  corsOrigins?: string[];
  inbox: InboxStore;
  newsletter: { subscriptions: NewsletterSubscriptions; links: UnsubscribeLinks };
  /** Each person's choice, per kind, of in-app only or also e-mail. */
  preferences: PreferenceStore;
  idempotencyStore: IdempotencyStore;
  readiness: ReadinessCheck[];
  /** This service's consumer groups' parked events (`deadLetterDesk`); without it, 503. */
  deadLetters?: DeadLetterDesk;
  /** An external OpenID Connect provider whose tokens are accepted too (`OIDC_ISSUER`). */
  oidc?: ExternalIssuerSettings;
  /** The process's one listener on `inbox_live` (`createInboxListener`), for live inboxes. */
  live?: StreamListener;
  /** The frame's settings, when a test or a deployment wants other than its defaults. */
  requestDeadlineMs?: number;
  eventStreamsPerPrincipal?: number;
};

export function buildNotificationsApp(deps: NotificationsAppDeps): Express {
  return buildServiceApp({
    ...deps,
    api: {
      title: 'Notifications API',
      description:
        'In-app inboxes, followed live; how each kind of notification reaches each person; the end-of-day newsletter and its unsubscribe link.',
    },
    routes: [
      inboxRoutes(deps),
      preferenceRoutes(deps),
      newsletterRoutes(deps.newsletter),
      deadLetterRoutes(deps),
    ],
    linkRoutes: [newsletterLinkRoutes(deps.newsletter)],
    bodyLimitBytes: 100 * 1024,
  });
}

export { NotificationsConfig } from './config';
export { createInboxStore } from './db/inbox-store';
export { createInboxListener } from './db/inbox-listener';
export { createPreferenceStore, type PreferenceStore } from './db/preference-store';
export { createPrismaClient, type NotificationsDb } from './db/prisma-client';
export { consumeCampaignEvents } from './events/campaign-events-consumer';
export { consumeMessagingEvents } from './events/messaging-events-consumer';
export { consumeInfluencerProfiles } from './events/influencer-profiles-consumer';
export {
  consumeAccountEvents,
  ACCOUNT_MAILS_CONSUMER_GROUP,
} from './events/account-events-consumer';
export { createAccountMailStore } from './db/account-mail-store';
export { createInfluencerAudienceStore } from './db/influencer-audience-store';
export { notificationsForEvent, type NotificationDraft } from './domain/notifications-for-event';
export { createPrismaAddressBook, type AddressBook } from './mail/address-book';
export { createMailOutbox } from './mail/mail-outbox';
export { createDigestCampaigns } from './mail/digest-campaigns';
export { startMailDelivery, type MailDelivery } from './mail/mail-delivery';
export {
  createNewsletterEditions,
  digestListings,
  type NewsletterEditions,
} from './newsletter/newsletter-editions';
export { startNewsletterComposer } from './newsletter/newsletter-composer';
export { createNewsletterSubscriptions } from './newsletter/newsletter-subscriptions';
export { createUnsubscribeLinks, type UnsubscribeLinks } from './newsletter/unsubscribe-links';
export {
  composeMail,
  createSmtpTransport,
  mailRetryDelay,
  startMailSender,
  type MailToCompose,
} from './mail/mail-sender';
export { mailTemplates, renderMail } from './mail/templates';
