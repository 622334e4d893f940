import { SignJWT, jwtVerify } from 'jose';
import { Identity } from './identity';

const ISSUER = 'campaign-platform';
const AUDIENCE = 'campaign-platform-api';

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function issueToken(
  identity: Identity,
  secret: string,
  expiresIn = '12h',
): Promise<string> {
  const { userId, ...claims } = identity;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key(secret));
}

/** Returns the identity a valid token carries, or null for any token that is not one of ours. */
export async function verifyToken(token: string, secret: string): Promise<Identity | null> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
    });
    const parsed = Identity.safeParse({ ...payload, userId: payload.sub });
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
