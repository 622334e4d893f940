import { NotificationsConfig } from '@campaign/notifications-service';

/**
 * The mail sender's settings as the notifications service runs them when nothing is configured:
 * its config's own defaults, read from its schema, so the bench measures what a deployment gets
 * and follows the defaults when they change.
 */
export function defaultMailSettings() {
  const fields = NotificationsConfig.shape;
  return {
    from: fields.MAIL_FROM.parse(undefined),
    appBaseUrl: fields.APP_BASE_URL.parse(undefined),
    concurrency: fields.MAIL_CONCURRENCY.parse(undefined),
    retry: {
      initialDelayMs: fields.MAIL_RETRY_INITIAL_MS.parse(undefined),
      maxDelayMs: fields.MAIL_RETRY_MAX_MS.parse(undefined),
    },
  };
}

export type MailSettings = ReturnType<typeof defaultMailSettings>;
