import type { RequestHandler } from 'express';
import { dependencyUnavailable } from './problem';
import { RETRY_AFTER_SECONDS } from './unavailable';

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
    res.once('close', () => clearTimeout(timer));
    next();
  };
}
