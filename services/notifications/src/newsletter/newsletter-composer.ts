import { startOutboxRelay, type Logger, type OutboxRelay } from '@campaign/service-runtime';
import type { NewsletterEditions } from './newsletter-editions';

/**
 * Composes each edition once it is due, on every replica (an edition being composed by one is
 * skipped by the others), and wakes the mail sender for its digests. Editions are few (one a
 * day) and their moment is known to the second, so a poll a second is all the waiting needed.
 */
export function startNewsletterComposer(deps: {
  editions: NewsletterEditions;
  logger: Logger;
  /** Called after an edition's digests (and their mails) were stored. */
  onComposed?: () => void;
  idleMs?: number;
}): OutboxRelay {
  return startOutboxRelay({
    name: 'newsletter',
    batch: 1,
    logger: deps.logger,
    idleMs: deps.idleMs ?? 1_000,
    sendOwed: async () => {
      const started = Date.now();
      const composed = await deps.editions.composeNext();
      if (!composed) return 0;
      deps.logger.info(
        { day: composed.day, digests: composed.digests, ms: Date.now() - started },
        'newsletter edition composed',
      );
      deps.onComposed?.();
      return 1;
    },
  });
}
