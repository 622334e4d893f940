import { ACCOUNTS_TOPIC, AccountEvent } from '@campaign/contracts';
import { runEventConsumer, type Logger, type RetryPolicy } from '@campaign/service-runtime';
import type { Kafka } from 'kafkajs';
import type { AccountMailStore } from '../db/account-mail-store';

export const ACCOUNT_MAILS_CONSUMER_GROUP = 'notifications-accounts';

/**
 * Mails about accounts (sign-in links, welcomes, teammates' invitations) and where accounts' mail
 * goes, from the campaign service's `accounts.v1` events. Logs ids, never an address or a link.
 */
export function consumeAccountEvents(deps: {
  kafka: Kafka;
  accountMails: AccountMailStore;
  logger: Logger;
  retry?: RetryPolicy;
  /** Another group and topic than the service's own, for a test publishing events of its own. */
  groupId?: string;
  topic?: string;
}) {
  return runEventConsumer({
    kafka: deps.kafka,
    groupId: deps.groupId ?? ACCOUNT_MAILS_CONSUMER_GROUP,
    topic: deps.topic ?? ACCOUNTS_TOPIC,
    schema: AccountEvent,
    logger: deps.logger,
    retry: deps.retry,
    dependenciesReady: () => deps.accountMails.ping(),
    handle: async (event) => {
      const outcome = await deps.accountMails.record(event);
      deps.logger.debug({ eventId: event.id, type: event.type, outcome }, 'account mail kept');
    },
  });
}
