import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** A token as stored: AES-256-GCM sealed bytes and the id of the key that sealed them. */
export type SealedToken = { ciphertext: Uint8Array<ArrayBuffer>; keyId: string };

/**
 * Tokens are sealed for one owner (the principal whose account row holds them): the owner is the
 * cipher's associated data, so bytes copied to another row do not open there.
 */
export type SocialTokenCipher = {
  seal(token: string, owner: string): SealedToken;
  /**
   * The token, or null when no configured key has this id (a retired key), it was tampered with,
   * or it was sealed for another owner.
   */
  open(sealed: SealedToken, owner: string): string | null;
};

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** A key's id: the start of its SHA-256, so the id says which key without revealing it. */
export function tokenKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/**
 * Social accounts' access tokens at rest: AES-256-GCM under the current key (`SOCIAL_TOKEN_KEY`),
 * each sealing with a fresh nonce; the key's id is stored beside the bytes so the key can rotate:
 * tokens sealed under a previous key (`SOCIAL_TOKEN_PREVIOUS_KEYS`) still open, and the next
 * refresh seals them under the current one.
 */
export function createSocialTokenCipher(
  current: Buffer,
  previous: Buffer[] = [],
): SocialTokenCipher {
  const keys = new Map([current, ...previous].map((key) => [tokenKeyId(key), key]));
  const currentId = tokenKeyId(current);
  return {
    seal(token, owner) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current, nonce);
      cipher.setAAD(Buffer.from(owner, 'utf8'));
      const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
      const bytes = Buffer.concat([nonce, cipher.getAuthTag(), body]);
      return { ciphertext: new Uint8Array(bytes), keyId: currentId };
    },
    open({ ciphertext, keyId }, owner) {
      const key = keys.get(keyId);
      if (!key || ciphertext.length < NONCE_BYTES + TAG_BYTES) return null;
      const bytes = Buffer.from(ciphertext);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, NONCE_BYTES));
        decipher.setAuthTag(bytes.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
        decipher.setAAD(Buffer.from(owner, 'utf8'));
        return Buffer.concat([
          decipher.update(bytes.subarray(NONCE_BYTES + TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}
