import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Sign-in links travel sealed: the campaign service seals each link into the event that asks for
 * its mail, and only the notifications service's mail sender opens it, when it renders the mail.
 * So neither Kafka nor the notifications database ever holds a link that works.
 *
 * AES-256-GCM under a key derived with HKDF from the platform's AUTH_SECRET for this one use (the
 * `info` names it), so the key opens nothing else and nothing else's key opens it. The recipient's
 * principal key is the associated data: a link sealed for one account does not open as another's.
 * Sealed form: base64url of nonce (12 bytes) · ciphertext · tag (16 bytes).
 */
const INFO = 'campaign-platform/sign-in-links/v1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

const keys = new Map<string, Buffer>();

function keyOf(authSecret: string): Buffer {
  let key = keys.get(authSecret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', authSecret, Buffer.alloc(0), INFO, 32));
    keys.set(authSecret, key);
  }
  return key;
}

export function sealLink(authSecret: string, principal: string, link: string): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyOf(authSecret), nonce);
  cipher.setAAD(Buffer.from(principal));
  const body = Buffer.concat([cipher.update(link, 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url');
}

/** The link, or null when it was not sealed for this principal under this secret. */
export function openLink(authSecret: string, principal: string, sealed: string): string | null {
  const bytes = Buffer.from(sealed, 'base64url');
  if (bytes.length < NONCE_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      keyOf(authSecret),
      bytes.subarray(0, NONCE_BYTES),
    );
    decipher.setAAD(Buffer.from(principal));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const body = bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
