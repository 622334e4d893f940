import type { Logger, OutboxRelay } from '@campaign/service-runtime';
import type { NotificationsConfig } from '../config';
import type { NotificationsDb } from '../db/prisma-client';
import { createUnsubscribeLinks, type UnsubscribeLinks } from '../newsletter/unsubscribe-links';
import { createPrismaAddressBook } from './address-book';
import { createMailOutbox } from './mail-outbox';
import { createSmtpTransport, startMailSender } from './mail-sender';

export type MailDelivery = {
  sender: OutboxRelay;
  links: UnsubscribeLinks;
  /** Finishes the mails in flight (each marked sent or owed), then closes the SMTP connections. */
  stop(): Promise<void>;
};

/** The mail sender as the service runs it, from its configuration. */
export function startMailDelivery(
  config: NotificationsConfig,
  db: NotificationsDb,
  logger: Logger,
): MailDelivery {
  const transport = createSmtpTransport(
    {
      host: config.SMTP_HOST,
      port: config.SMTP_PORT,
      secure: config.SMTP_SECURE,
      ...(config.SMTP_USER
        ? { auth: { user: config.SMTP_USER, pass: config.SMTP_PASSWORD ?? '' } }
        : {}),
    },
    config.MAIL_CONCURRENCY,
  );
  const links = createUnsubscribeLinks({
    authSecret: config.AUTH_SECRET,
    publicUrl: config.PUBLIC_URL,
  });
  const sender = startMailSender({
    outbox: createMailOutbox(db),
    addressBook: createPrismaAddressBook(db),
    transport,
    from: config.MAIL_FROM,
    appBaseUrl: config.APP_BASE_URL,
    unsubscribeUrlFor: (recipientId) => links.urlFor(recipientId),
    linkSecret: config.AUTH_SECRET,
    logger,
    concurrency: config.MAIL_CONCURRENCY,
    leaseMs: config.MAIL_LEASE_SECONDS * 1000,
    retry: { initialDelayMs: config.MAIL_RETRY_INITIAL_MS, maxDelayMs: config.MAIL_RETRY_MAX_MS },
  });
  return {
    sender,
    links,
    async stop() {
      await sender.stop();
      transport.close?.();
    },
  };
}
