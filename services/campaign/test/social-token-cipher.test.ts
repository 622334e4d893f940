import { randomBytes } from 'node:crypto';
import { createSocialTokenCipher, tokenKeyId } from '../src/social/social-token-cipher';

describe('social account tokens at rest', () => {
  const token = 'IGAAlongLivedToken-0123456789';
  const key = randomBytes(32);
  const owner = 'influencer/jane';

  it('seals a token so its bytes do not contain it, and opens it again', () => {
    const cipher = createSocialTokenCipher(key);
    const sealed = cipher.seal(token, owner);
    expect(Buffer.from(sealed.ciphertext).includes(Buffer.from(token))).toBe(false);
    expect(sealed.keyId).toBe(tokenKeyId(key));
    expect(cipher.open(sealed, owner)).toBe(token);
    // A fresh nonce each time: the same token never seals to the same bytes.
    expect(Buffer.from(cipher.seal(token, owner).ciphertext)).not.toEqual(
      Buffer.from(sealed.ciphertext),
    );
  });

  it('opens tokens sealed under a previous key after a rotation, and seals under the new one', () => {
    const sealedBefore = createSocialTokenCipher(key).seal(token, owner);
    const next = randomBytes(32);
    const rotated = createSocialTokenCipher(next, [key]);
    expect(rotated.open(sealedBefore, owner)).toBe(token);
    expect(rotated.seal(token, owner).keyId).toBe(tokenKeyId(next));
    // Once the old key is retired, what it sealed no longer opens.
    expect(createSocialTokenCipher(next).open(sealedBefore, owner)).toBeNull();
  });

  it('refuses bytes that were tampered with', () => {
    const cipher = createSocialTokenCipher(key);
    const sealed = cipher.seal(token, owner);
    const bytes = Buffer.from(sealed.ciphertext);
    bytes[bytes.length - 1]! ^= 1;
    expect(
      cipher.open({ ciphertext: new Uint8Array(bytes), keyId: sealed.keyId }, owner),
    ).toBeNull();
  });

  it('opens a token only for the owner it was sealed for', () => {
    const cipher = createSocialTokenCipher(key);
    const sealed = cipher.seal(token, owner);
    expect(cipher.open(sealed, 'influencer/someone-else')).toBeNull();
    expect(cipher.open(sealed, owner)).toBe(token);
  });
});
