import type { NotificationKind, NotificationList } from '@campaign/contracts';
import { call } from './campaign-actors';
import { epochNow } from './clock';
import type { NotificationsService } from './notifications-service';

export type Arrival = {
  /** When the read that first showed the notification was answered, in epoch ms (`epochNow`). */
  readAt: number;
  /** When the notifications service stored it (its row's createdAt), in epoch ms. */
  storedAt: number;
  /** Reads it took, the one that showed it included. */
  reads: number;
};

/**
 * Reads a person's inbox over the notifications API, as the web app would, until it shows a
 * notification of `kind` about `campaignId`. One read at a time, `intervalMs` apart: the next read
 * starts only once the last was answered, so the reader adds at most one read's load and the
 * figure is late by at most the interval plus one read.
 */
export async function waitForNotification(
  service: NotificationsService,
  auth: string,
  wanted: { kind: NotificationKind; campaignId: string },
  { intervalMs, timeoutMs }: { intervalMs: number; timeoutMs: number },
): Promise<Arrival> {
  const deadline = epochNow() + timeoutMs;
  for (let reads = 1; ; reads++) {
    // The newest few are enough: the bench's people get only a handful of notifications each.
    const response = await call(service, 'GET', '/notifications?limit=5', auth);
    const { items } = (await response.json()) as NotificationList;
    const readAt = epochNow();
    const found = items.find(
      (item) => item.kind === wanted.kind && item.campaignId === wanted.campaignId,
    );
    if (found) return { readAt, storedAt: Date.parse(found.createdAt), reads };
    if (readAt > deadline) {
      throw new Error(`no ${wanted.kind} notification within ${timeoutMs / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
