import { randomUUID } from 'node:crypto';

/** How long one action is repeated while replicas, brokers or workers are down and back. */
const GIVE_UP_AFTER_MS = 90_000;

export type ClientTally = { sent: number; repeated: number; alreadyDone: number };

/**
 * Calls the services through their proxies as a browser on a flaky network would: a mutation
 * carries one Idempotency-Key for all its attempts, and is repeated while the answer is lost or
 * the system is not ready (no answer, 502, 503, 504). A repeat that the workflow refuses as done
 * already (409: the first attempt went through, its answer was lost with its replica) counts as
 * done. Anything else (a 4xx) throws.
 */
export function retryingClient(tally: ClientTally) {
  return async function send(
    baseUrl: string,
    method: string,
    path: string,
    auth: string,
    body?: object,
  ): Promise<Response> {
    const key = randomUUID();
    const deadline = Date.now() + GIVE_UP_AFTER_MS;
    for (let attempt = 0; ; attempt++) {
      tally.sent += 1;
      if (attempt > 0) tally.repeated += 1;
      let why: string;
      try {
        const response = await fetch(`${baseUrl}${path}`, {
          method,
          headers: {
            authorization: auth,
            ...(method === 'GET' ? {} : { 'idempotency-key': key }),
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
        if (response.ok) return response;
        const text = await response.text();
        if (attempt > 0 && response.status === 409) {
          tally.alreadyDone += 1;
          return new Response(text, { status: 200 });
        }
        if (response.status < 500) {
          throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
        }
        why = `${response.status} ${text.slice(0, 200)}`;
      } catch (error) {
        if (error instanceof Error && error.message.startsWith(`${method} ${path}:`)) throw error;
        why = error instanceof Error ? error.message : String(error);
      }
      if (Date.now() > deadline) throw new Error(`${method} ${path}: gave up (${why})`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 100 * 2 ** attempt)));
    }
  };
}

export type Send = ReturnType<typeof retryingClient>;
