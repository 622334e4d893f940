import type { Request, RequestHandler } from 'express';
import { decodeJwt } from 'jose';
import { HttpProblem } from '../http/problem';
import type { ExternalTokenVerifier } from './external-issuer';
import type { Identity } from './identity';
import { verifyToken } from './tokens';

const identities = new WeakMap<Request, Identity>();

/**
 * Every route behind this needs a valid bearer token: the platform's own, or, when the service is
 * given an external issuer (`OIDC_ISSUER`), one of that issuer's.
 */
export function authenticate(secret: string, external?: ExternalTokenVerifier): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer (.+)$/i.exec(header);
    const identity = match?.[1] ? await verify(match[1], secret, external) : null;
    if (!identity) {
      next(new HttpProblem(401, 'Unauthenticated', 'A valid bearer token is required.'));
      return;
    }
    identities.set(req, identity);
    next();
  };
}

/**
 * A token that says (unverified) it is the external issuer's goes to that issuer's keys alone; any
 * other to the platform's secret alone. The claim only picks which check runs: each one verifies
 * the issuer again, with its own keys and algorithms.
 */
async function verify(
  token: string,
  secret: string,
  external: ExternalTokenVerifier | undefined,
): Promise<Identity | null> {
  if (external && claimedIssuer(token) === external.issuer) return external.verify(token);
  return verifyToken(token, secret);
}

function claimedIssuer(token: string): string | undefined {
  try {
    return decodeJwt(token).iss;
  } catch {
    return undefined;
  }
}

export function identityOf(req: Request): Identity {
  const identity = identities.get(req);
  if (!identity) throw new Error('identityOf() called on a route without authenticate()');
  return identity;
}
