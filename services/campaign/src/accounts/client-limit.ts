import { HttpProblem } from '@campaign/service-runtime';
import type { Request } from 'express';

/**
 * How many sign-up and sign-in requests one client (its IP address) may make per minute on this
 * replica: enough for a person and a shared office, too few to try addresses or codes in bulk.
 * Counted per replica, in memory: a limit against abuse, not an account of anything.
 */
export type ClientLimit = { check(req: Request): void };

export function createClientLimit(perMinute: number, now: () => number = Date.now): ClientLimit {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    check(req) {
      const client = req.ip ?? req.socket.remoteAddress ?? 'unknown';
      const at = now();
      // Forget finished windows now and then, so the map holds only the last minute's clients.
      if (windows.size > 10_000) {
        for (const [key, window] of windows) if (at - window.start >= 60_000) windows.delete(key);
      }
      let window = windows.get(client);
      if (!window || at - window.start >= 60_000) {
        window = { start: at, count: 0 };
        windows.set(client, window);
      }
      window.count += 1;
      if (window.count > perMinute) {
        const retryAfter = Math.max(1, Math.ceil((window.start + 60_000 - at) / 1000));
        throw new HttpProblem(
          429,
          'Too many requests',
          `Too many sign-up or sign-in requests from your network; try again in ${retryAfter} s.`,
        );
      }
    },
  };
}
