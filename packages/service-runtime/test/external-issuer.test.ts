import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import {
  SignJWT,
  exportJWK,
  generateKeyPair,
  type JWK,
  type CryptoKey,
  type JWTPayload,
} from 'jose';
import request from 'supertest';
import { ApiRoutes, ROLES, buildServiceApp, createLogger, issueToken } from '../src';

// With OIDC_ISSUER set, a service also accepts the tokens of that OpenID Connect provider: keys
// found through its discovery document, checked like the platform's own tokens, the identity read
// from its claims. Here the provider is a local issuer, started by the test on a port of its own.

const SECRET = 'a-test-secret-that-is-long-enough-to-sign';
const AUDIENCE = 'campaign-platform-api';

type SigningKey = { kid: string; alg: 'RS256' | 'ES256'; privateKey: CryptoKey; jwk: JWK };

async function signingKey(kid: string, alg: 'RS256' | 'ES256' = 'RS256'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** An OpenID Connect issuer: discovery and a key set whose keys the test changes. */
async function startIssuer() {
  const keys: SigningKey[] = [];
  let jwksFetches = 0;
  let down = false;
  const app = express();
  // Down: every connection dropped unanswered, as a crashed or unreachable issuer.
  app.use((req, _res, next) => (down ? req.socket.destroy() : next()));
  let issuer = '';
  app.get('/.well-known/openid-configuration', (_req, res) => {
    res.json({
      issuer,
      jwks_uri: `${issuer}/jwks`,
      id_token_signing_alg_values_supported: ['RS256'],
    });
  });
  app.get('/jwks', (_req, res) => {
    jwksFetches += 1;
    res.json({ keys: keys.map(({ jwk }) => jwk) });
  });
  const server: Server = await new Promise((resolve) => {
    const started = app.listen(0, '127.0.0.1', () => resolve(started));
  });
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    keys,
    jwksFetches: () => jwksFetches,
    setDown: (isDown: boolean) => (down = isDown),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type TokenOptions = {
  key: SigningKey;
  issuer: string;
  claims?: JWTPayload;
  audience?: string;
  kid?: string;
  lifetimeSeconds?: number;
  issuedSecondsAgo?: number;
};

function externalToken(options: TokenOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000) - (options.issuedSecondsAgo ?? 0);
  return new SignJWT({ role: 'brand', brand_id: 'glow', ...options.claims })
    .setProtectedHeader({ alg: options.key.alg, kid: options.kid ?? options.key.kid })
    .setSubject('ava@idp')
    .setIssuer(options.issuer)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.lifetimeSeconds ?? 3600))
    .sign(options.key.privateKey);
}

/** A service with one route that tells who called, accepting the issuer's tokens. */
function serviceTrusting(issuer: string, more: { audience?: string } = {}) {
  const routes = new ApiRoutes().add(
    {
      method: 'get',
      path: '/whoami',
      summary: 'Who is calling',
      roles: ROLES,
      success: { status: 200, description: 'The caller' },
    },
    (_req, res, caller) => {
      res.json(caller);
    },
  );
  return buildServiceApp({
    logger: createLogger('test', 'silent'),
    authSecret: SECRET,
    readiness: [],
    api: { title: 'Test API', description: 'A service for the tests.' },
    routes: [routes],
    oidc: { issuer, ...more, jwksCooldownMs: 0, fetchTimeoutMs: 1_000 },
  });
}

const whoami = (app: express.Express, token: string) =>
  request(app).get('/whoami').set('authorization', `Bearer ${token}`);

async function expectRefused(app: express.Express, token: string) {
  const response = await whoami(app, token);
  expect({ status: response.status, type: response.type }).toEqual({
    status: 401,
    type: 'application/problem+json',
  });
  expect(response.body).toMatchObject({ status: 401, title: 'Unauthenticated' });
}

describe('tokens of an external OpenID Connect issuer (OIDC_ISSUER)', () => {
  let idp: Awaited<ReturnType<typeof startIssuer>>;
  let first: SigningKey;

  beforeAll(async () => {
    idp = await startIssuer();
    first = await signingKey('key-1');
    idp.keys.push(first, await signingKey('key-ec', 'ES256'));
  });
  afterAll(() => idp.stop());

  it('accepts RS256 and ES256 tokens of the issuer, the identity read from role, brand_id and sub', async () => {
    const app = serviceTrusting(idp.issuer);
    const brand = await whoami(app, await externalToken({ key: first, issuer: idp.issuer })).expect(
      200,
    );
    expect(brand.body).toEqual({ role: 'brand', brandId: 'glow', userId: 'ava@idp' });
    const ops = await whoami(
      app,
      await externalToken({ key: idp.keys[1]!, issuer: idp.issuer, claims: { role: 'ops' } }),
    ).expect(200);
    expect(ops.body).toEqual({ role: 'ops', userId: 'ava@idp' });
    // The platform's own tokens are still accepted beside them.
    const own = await issueToken({ role: 'influencer', userId: 'ivy' }, SECRET);
    expect((await whoami(app, own).expect(200)).body).toEqual({
      role: 'influencer',
      userId: 'ivy',
    });
  });

  it('accepts another audience only when OIDC_AUDIENCE names it', async () => {
    const token = await externalToken({
      key: first,
      issuer: idp.issuer,
      audience: 'our-idp-client',
    });
    await expectRefused(serviceTrusting(idp.issuer), token);
    await whoami(serviceTrusting(idp.issuer, { audience: 'our-idp-client' }), token).expect(200);
  });

  it('refuses tokens of another issuer, expired, forged, of an unknown key, or that name no identity', async () => {
    const app = serviceTrusting(idp.issuer);
    const other = await startIssuer();
    const stranger = await signingKey('key-1');
    other.keys.push(stranger);
    try {
      // Another issuer, even one answering discovery, with a key of the same id.
      await expectRefused(app, await externalToken({ key: stranger, issuer: other.issuer }));
      // The other issuer's name in a token signed by ours: `iss` is not the setting.
      await expectRefused(app, await externalToken({ key: first, issuer: other.issuer }));
    } finally {
      await other.stop();
    }
    // Expired (well past the 30 s of skew), and valid for longer than a day.
    await expectRefused(
      app,
      await externalToken({
        key: first,
        issuer: idp.issuer,
        issuedSecondsAgo: 7200,
        lifetimeSeconds: 3600,
      }),
    );
    await expectRefused(
      app,
      await externalToken({ key: first, issuer: idp.issuer, lifetimeSeconds: 2 * 24 * 3600 }),
    );
    // Forged: signed by another key under a key id the issuer publishes.
    await expectRefused(
      app,
      await externalToken({ key: stranger, issuer: idp.issuer, kid: 'key-1' }),
    );
    // A key id the issuer has never published.
    await expectRefused(
      app,
      await externalToken({ key: stranger, issuer: idp.issuer, kid: 'key-9' }),
    );
    // Claims that make no identity: an unknown role, a brand user without a brand, no role.
    for (const claims of [
      { role: 'admin' },
      { role: 'brand', brand_id: undefined },
      { role: undefined },
    ]) {
      await expectRefused(app, await externalToken({ key: first, issuer: idp.issuer, claims }));
    }
  });

  it('refuses `none` and HMAC tokens naming the issuer, whatever key they use', async () => {
    const app = serviceTrusting(idp.issuer);
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: idp.issuer,
      aud: AUDIENCE,
      sub: 'ava',
      role: 'ops',
      iat: now,
      exp: now + 60,
    };
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    await expectRefused(app, `${b64({ alg: 'none' })}.${b64(claims)}.`);
    // HS256 "signed" with the issuer's public key as the secret, and with the platform's secret.
    for (const secret of [JSON.stringify(first.jwk), SECRET]) {
      const hmac = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', kid: 'key-1' })
        .sign(new TextEncoder().encode(secret));
      await expectRefused(app, hmac);
    }
  });

  it('follows a key rotation: a token under a new key id is accepted once the issuer publishes it', async () => {
    const app = serviceTrusting(idp.issuer);
    await whoami(app, await externalToken({ key: first, issuer: idp.issuer })).expect(200);
    const rotated = await signingKey('key-2');
    const token = await externalToken({ key: rotated, issuer: idp.issuer });
    await expectRefused(app, token);
    const fetches = idp.jwksFetches();
    idp.keys.push(rotated);
    await whoami(app, token).expect(200);
    expect(idp.jwksFetches()).toBeGreaterThan(fetches);
    // The old key retired: its tokens are refused once the key set is read again (a token naming
    // a key id the service does not hold makes it read).
    idp.keys.splice(idp.keys.indexOf(first), 1);
    await expectRefused(
      app,
      await externalToken({ key: rotated, issuer: idp.issuer, kid: 'key-3' }),
    );
    await expectRefused(app, await externalToken({ key: first, issuer: idp.issuer }));
    idp.keys.unshift(first);
  });

  it('answers 401, not 500, while the issuer is down, and accepts its tokens once it is back', async () => {
    const flaky = await startIssuer();
    const key = await signingKey('key-1');
    flaky.keys.push(key);
    try {
      const app = serviceTrusting(flaky.issuer);
      const token = await externalToken({ key, issuer: flaky.issuer });
      // Down before discovery: nothing known of it yet.
      flaky.setDown(true);
      await expectRefused(app, token);
      // The platform's own tokens do not depend on the issuer.
      await whoami(app, await issueToken({ role: 'ops', userId: 'olga' }, SECRET)).expect(200);
      flaky.setDown(false);
      await whoami(app, token).expect(200);

      // Down after discovery: keys already read still verify; a new key id cannot be read.
      flaky.setDown(true);
      await whoami(app, token).expect(200);
      const rotated = await signingKey('key-2');
      flaky.keys.push(rotated);
      await expectRefused(app, await externalToken({ key: rotated, issuer: flaky.issuer }));
      flaky.setDown(false);
      await whoami(app, await externalToken({ key: rotated, issuer: flaky.issuer })).expect(200);
    } finally {
      await flaky.stop();
    }
  });
});
