import { hkdfSync, webcrypto } from 'node:crypto';
import { CompactSign, compactVerify } from 'jose';

const USE = 'newsletter-unsubscribe';

export type UnsubscribeLinks = ReturnType<typeof createUnsubscribeLinks>;

/**
 * The one-click unsubscribe link of a digest (RFC 8058): the recipient's principal key, signed,
 * so following it needs no sign-in and names nobody else. The key is derived from the service's
 * auth secret for this use alone, so such a token is never a bearer token, nor the reverse. It
 * does not expire: an old mail's link still works. Neither the token nor the key is logged.
 */
export function createUnsubscribeLinks(options: { authSecret: string; publicUrl: string }) {
  const secret = new Uint8Array(
    hkdfSync('sha256', options.authSecret, 'campaign-platform', USE, 32),
  );
  // Imported once: a raw secret would be imported again for every link of a 100,000 digest day.
  const key = webcrypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
  const base = `${options.publicUrl.replace(/\/+$/, '')}/newsletter/unsubscribe`;
  const encoder = new TextEncoder();

  return {
    async urlFor(recipientId: string): Promise<string> {
      const token = await new CompactSign(
        encoder.encode(JSON.stringify({ sub: recipientId, use: USE })),
      )
        .setProtectedHeader({ alg: 'HS256' })
        .sign(await key);
      return `${base}?token=${token}`;
    },

    /** The recipient a link's token was made for; null for anything this service did not sign. */
    async recipientOf(token: string): Promise<string | null> {
      try {
        const { payload } = await compactVerify(token, await key, { algorithms: ['HS256'] });
        const claims = JSON.parse(new TextDecoder().decode(payload)) as unknown;
        if (typeof claims !== 'object' || claims === null) return null;
        const { sub, use } = claims as { sub?: unknown; use?: unknown };
        return use === USE && typeof sub === 'string' && sub.length > 0 ? sub : null;
      } catch {
        return null;
      }
    },
  };
}
