import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import { Identity } from './identity';
import { CLOCK_TOLERANCE_SECONDS, MAX_TOKEN_LIFETIME_SECONDS, PLATFORM_AUDIENCE } from './tokens';

/**
 * Tokens of an external OpenID Connect provider (`OIDC_ISSUER`), for production sign-in through a
 * company's identity provider. Accepted beside the platform's own, never instead of them:
 *
 * - the keys come from the issuer's discovery document (`/.well-known/openid-configuration`, whose
 *   `issuer` must be the setting itself) and its `jwks_uri`, read with jose's remote key set: kept
 *   in memory, fetched again when a token names a key id it does not hold (the issuer rotated);
 * - `iss` must be the setting, `aud` the platform's audience (or `OIDC_AUDIENCE`), and the lifetime
 *   rules are the platform's own: `exp`, `iat` and `sub` required, 24 h at most, 30 s of skew;
 * - only RS256 and ES256: never `none`, never an HMAC whose "secret" would be a public key;
 * - the identity is read from the claims `role`, `brand_id` (a brand user's brand) and `sub` (the
 *   user), and must pass the same `Identity` schema as the platform's tokens.
 *
 * A token that fails any of these, or an issuer that does not answer, gives no identity (401),
 * never an error.
 */
export type ExternalIssuerSettings = {
  issuer: string;
  audience?: string;
  /** How soon jose may fetch the key set again for an unknown key id (30 s unless a test says). */
  jwksCooldownMs?: number;
  /** How long a fetch of the discovery document or the key set may take. */
  fetchTimeoutMs?: number;
};

export const EXTERNAL_TOKEN_ALGORITHMS = ['RS256', 'ES256'];

const Discovery = z.object({ issuer: z.string(), jwks_uri: z.url({ protocol: /^https?$/ }) });

/** The identity a token of the external issuer carries; null for any other token. */
export type ExternalTokenVerifier = {
  readonly issuer: string;
  verify(token: string): Promise<Identity | null>;
};

export function externalTokenVerifier(settings: ExternalIssuerSettings): ExternalTokenVerifier {
  const timeoutMs = settings.fetchTimeoutMs ?? 3_000;
  let keys: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
  // Discovered once; an issuer that did not answer is asked again at the next token.
  const keySet = () =>
    (keys ??= discover(settings.issuer, timeoutMs).then(
      (jwksUri) =>
        createRemoteJWKSet(new URL(jwksUri), {
          timeoutDuration: timeoutMs,
          cooldownDuration: settings.jwksCooldownMs ?? 30_000,
        }),
      (error: unknown) => {
        keys = undefined;
        throw error;
      },
    ));

  return {
    issuer: settings.issuer,
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, await keySet(), {
          issuer: settings.issuer,
          audience: settings.audience ?? PLATFORM_AUDIENCE,
          algorithms: EXTERNAL_TOKEN_ALGORITHMS,
          requiredClaims: ['exp', 'iat', 'sub'],
          maxTokenAge: MAX_TOKEN_LIFETIME_SECONDS,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
        });
        return identityFromClaims(payload);
      } catch {
        return null;
      }
    },
  };
}

/** The identity the claims `role`, `brand_id` and `sub` name, if they name a valid one. */
export function identityFromClaims(payload: JWTPayload): Identity | null {
  const { exp, iat } = payload as { exp: number; iat: number };
  if (exp - iat > MAX_TOKEN_LIFETIME_SECONDS) return null;
  const claims = payload as JWTPayload & { role?: unknown; brand_id?: unknown };
  const parsed = Identity.safeParse({
    role: claims.role,
    userId: claims.sub,
    ...(claims.role === 'brand' ? { brandId: claims.brand_id } : {}),
  });
  return parsed.success ? parsed.data : null;
}

/** The key set's address the issuer's discovery document gives, if the document is its own. */
async function discover(issuer: string, timeoutMs: number): Promise<string> {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`the issuer's discovery answered ${response.status}`);
  const document = Discovery.parse(await response.json());
  if (document.issuer !== issuer) throw new Error('the discovery document names another issuer');
  return document.jwks_uri;
}
