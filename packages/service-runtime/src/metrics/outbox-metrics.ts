import { Gauge } from 'prom-client';
import { metricsRegistry } from './registry';

const backlogs = new Map<string, () => Promise<number>>();

/** Read when Prometheus scrapes: a slow or failed count leaves that outbox out of the scrape. */
new Gauge({
  name: 'outbox_backlog',
  help: 'Rows of an outbox not yet sent (events for Kafka, mails for SMTP)',
  labelNames: ['outbox'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    await Promise.all(
      [...backlogs].map(async ([outbox, count]) => {
        try {
          this.set({ outbox }, await count());
        } catch {
          // The database is away: the scrape goes on without it, and the readiness probe says why.
        }
      }),
    );
  },
});

/**
 * Reports an outbox's backlog: how many rows wait to be sent. A backlog that grows says the relay
 * (or Kafka, or the SMTP server) does not keep up; the one signal to scale or page on.
 */
export function reportOutboxBacklog(outbox: string, count: () => Promise<number>): void {
  backlogs.set(outbox, count);
}
