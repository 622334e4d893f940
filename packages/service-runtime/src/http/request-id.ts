import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a caller's or a proxy's own request id may look like to be kept: short, plain characters. */
const WELL_FORMED = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The request's id: the one the ingress or the caller sent (`X-Request-Id`), when it is a
 * plausible id, else a fresh UUID, unique across every replica without any coordination (a
 * counter per process, pino-http's default, repeats across replicas and restarts). It is in every
 * log line of the request and returned to the caller in `X-Request-Id`, so a caller's report of a
 * failed request leads to its logs.
 */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const sent = req.headers['x-request-id'];
  const id = typeof sent === 'string' && WELL_FORMED.test(sent) ? sent : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}
