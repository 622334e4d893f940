import { StreamListener, type Logger } from '@campaign/service-runtime';

/** The channel the notifications table's trigger announces each new row on (live_inbox migration). */
export const INBOX_CHANNEL = 'inbox_live';

/** One per process: every live inbox this replica serves waits on it. Call `start()`. */
export function createInboxListener(
  databaseUrl: string,
  logger: Logger,
  applicationName?: string,
): StreamListener {
  return new StreamListener({ databaseUrl, channel: INBOX_CHANNEL, logger, applicationName });
}
