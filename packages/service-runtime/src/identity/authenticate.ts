import type { Request, RequestHandler } from 'express';
import { HttpProblem } from '../http/problem';
import type { Identity } from './identity';
import { verifyToken } from './tokens';

const identities = new WeakMap<Request, Identity>();

/** Every route behind this needs a valid bearer token. */
export function authenticate(secret: string): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer (.+)$/i.exec(header);
    const identity = match?.[1] ? await verifyToken(match[1], secret) : null;
    if (!identity) {
      next(new HttpProblem(401, 'Unauthenticated', 'A valid bearer token is required.'));
      return;
    }
    identities.set(req, identity);
    next();
  };
}

export function identityOf(req: Request): Identity {
  const identity = identities.get(req);
  if (!identity) throw new Error('identityOf() called on a route without authenticate()');
  return identity;
}
