import { SignJWT, jwtVerify } from 'jose';
import { Identity } from './identity';

export const PLATFORM_ISSUER = 'campaign-platform';
/** The audience of the platform's tokens, and of an external issuer's unless `OIDC_AUDIENCE` says. */
export const PLATFORM_AUDIENCE = 'campaign-platform-api';
const ISSUER = PLATFORM_ISSUER;
const AUDIENCE = PLATFORM_AUDIENCE;

/**
 * The longest a token may be valid, from its issue to its expiry. A token without an expiry, or
 * valid for longer, is refused: a leaked token stops working within a day at most.
 */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;
/** Clocks of the issuer and the services may disagree this much. */
export const CLOCK_TOLERANCE_SECONDS = 30;

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function issueToken(
  identity: Identity,
  secret: string,
  lifetimeSeconds = 12 * 60 * 60,
): Promise<string> {
  if (lifetimeSeconds > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new Error(`a token may live ${MAX_TOKEN_LIFETIME_SECONDS} s at most`);
  }
  const { userId, ...claims } = identity;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + lifetimeSeconds)
    .sign(key(secret));
}

/** Returns the identity a valid token carries, or null for any token that is not one of ours. */
export async function verifyToken(token: string, secret: string): Promise<Identity | null> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'iat', 'sub'],
      // Checks that iat is neither in the future nor older than the longest lifetime.
      maxTokenAge: MAX_TOKEN_LIFETIME_SECONDS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    const { exp, iat } = payload as { exp: number; iat: number };
    if (exp - iat > MAX_TOKEN_LIFETIME_SECONDS) return null;
    const parsed = Identity.safeParse({ ...payload, userId: payload.sub });
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
