import type { RequestHandler, Response } from 'express';
import { dependencyUnavailable } from './problem';
import { RETRY_AFTER_SECONDS } from './unavailable';

const deadlines = new WeakMap<Response, NodeJS.Timeout>();

/**
 * No request hangs: one that has no answer after `ms` (a dependency that neither answers nor
 * fails) gets 503 with `Retry-After`, and the connection is free again. Whatever the handler
 * finishes later is only logged (see `problemHandler`).
 */
export function requestDeadline(ms: number): RequestHandler {
  return (_req, res, next) => {
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      res
        .status(503)
        .set('Retry-After', String(RETRY_AFTER_SECONDS))
        .type('application/problem+json')
        .json(
          dependencyUnavailable(
            'The request could not be answered in time; retry shortly.',
          ).toProblem(),
        );
    }, ms);
    deadlines.set(res, timer);
    res.once('close', () => clearTimeout(timer));
    next();
  };
}

/**
 * Lifts the deadline of a request whose answer is meant to last: an event stream, once it is
 * open (`openEventStream`, only on a route declared `eventStream`). Until then the deadline holds,
 * so a stream whose first read hangs still gets its quick 503.
 */
export function liftRequestDeadline(res: Response): void {
  clearTimeout(deadlines.get(res));
  deadlines.delete(res);
}
