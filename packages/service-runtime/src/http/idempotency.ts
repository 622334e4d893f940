import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { identityOf } from '../identity/authenticate';
import type { Identity } from '../identity/identity';
import { principalKey } from '../identity/principal';
import { canonicalJson } from './canonical-json';
import { HttpProblem } from './problem';

/** What a store knows of a key when a request arrives with it. */
export type IdempotencyClaim =
  | { state: 'claimed' }
  | { state: 'completed'; requestHash: string; status: number; body: unknown }
  | { state: 'in-progress'; requestHash: string };

/** Where replies to keyed requests are kept, per service, in the service's own database. */
export type IdempotencyStore = {
  /** Claims the key for this request, or says what became of the earlier request with it. */
  claim: (scope: string, key: string, requestHash: string) => Promise<IdempotencyClaim>;
  complete: (scope: string, key: string, status: number, body: unknown) => Promise<void>;
  /** Extends the lease of a key whose request is still running. */
  renew: (scope: string, key: string) => Promise<void>;
  /** Frees a key whose request failed unexpectedly, so the client may retry with it. */
  release: (scope: string, key: string) => Promise<void>;
};

const KEY = /^[A-Za-z0-9_.:-]{8,200}$/;

/** While its request runs, a claimed key's lease is renewed this often (see the store). */
const LEASE_RENEWAL_MS = 2_000;

const requestIds = new WeakMap<Request, string>();

/**
 * A stable id for a request sent with an Idempotency-Key: the same for every retry of it, by the
 * same principal, and for no other request. Handed to what deduplicates on its own (a Temporal
 * update id), so a retry after a crash gets the original outcome, not a second judgment.
 */
export function idempotentRequestId(req: Request): string | undefined {
  return requestIds.get(req);
}

/**
 * What a keyed request is known by: the scope of its key (the whole principal), the hash of what
 * it asks (the same whatever order the body lists its keys in), and its stable id.
 */
export function keyedRequest(request: {
  identity: Identity;
  key: string;
  method: string;
  url: string;
  body: unknown;
}): { scope: string; requestHash: string; requestId: string } {
  const scope = principalKey(request.identity);
  return {
    scope,
    requestHash: createHash('sha256')
      .update(`${request.method} ${request.url}\n${canonicalJson(request.body ?? null)}`)
      .digest('hex'),
    requestId: createHash('sha256').update(`${scope}\n${request.key}`).digest('base64url'),
  };
}

/**
 * `Idempotency-Key` on mutations: a retried request with the same key and body gets the first
 * reply again and has its effect once. Keys are scoped to the whole principal (role, brand, user),
 * so one person's key never answers another's request, whatever their user ids. Mount after authentication.
 */
export function idempotency(store: IdempotencyStore): RequestHandler {
  return async (req, res, next) => {
    const key = req.get('idempotency-key');
    if (key === undefined || !['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method)) {
      next();
      return;
    }
    if (!KEY.test(key)) {
      next(
        new HttpProblem(
          400,
          'Invalid request',
          'Idempotency-Key must be 8 to 200 characters of letters, digits, and _ . : -',
        ),
      );
      return;
    }
    const { scope, requestHash, requestId } = keyedRequest({
      identity: identityOf(req),
      key,
      method: req.method,
      url: req.originalUrl,
      body: req.body,
    });
    const claim = await store.claim(scope, key, requestHash);
    requestIds.set(req, requestId);
    if (claim.state !== 'claimed') {
      if (claim.requestHash !== requestHash) {
        next(
          new HttpProblem(
            422,
            'Idempotency-Key reused',
            'This Idempotency-Key was used for a different request; use a new key.',
          ),
        );
      } else if (claim.state === 'in-progress') {
        res.set('Retry-After', '1');
        next(
          new HttpProblem(
            409,
            'Request in progress',
            'A request with this Idempotency-Key is still being processed; retry shortly.',
          ),
        );
      } else {
        // A remembered refusal is replayed as the refusal it was.
        if (claim.status >= 400) res.type('application/problem+json');
        res.status(claim.status).set('idempotent-replayed', 'true').json(claim.body);
      }
      return;
    }
    // The claim is a lease: renewed while this request runs, so a retry of a request whose
    // process died takes the key over within seconds, never while the request is alive.
    const lease = setInterval(() => {
      store.renew(scope, key).catch(() => {});
    }, LEASE_RENEWAL_MS);
    res.once('close', () => clearInterval(lease));
    captureReply(res, (status, body) => {
      clearInterval(lease);
      // Server errors are not remembered: the client may retry them with the same key.
      const settle =
        status >= 500 ? store.release(scope, key) : store.complete(scope, key, status, body);
      return settle;
    });
    next();
  };
}

function captureReply(res: Response, onReply: (status: number, body: unknown) => Promise<void>) {
  const json = res.json.bind(res);
  let settled = false;
  // Replies without a JSON body (204 and the like) are remembered once sent.
  res.on('finish', () => {
    if (!settled) {
      settled = true;
      void onReply(res.statusCode, null).catch(() => {});
    }
  });
  res.json = (body: unknown) => {
    if (!settled) {
      settled = true;
      // The reply is stored before it is sent, so a retry after a lost reply finds it.
      void onReply(res.statusCode, body).then(
        () => json(body),
        () => json(body),
      );
      return res;
    }
    return json(body);
  };
}
