import { openLink, sealLink } from '../src';

const SECRET = 'a-test-secret-that-is-long-enough-to-sign';
const LINK = 'https://app.example/sign-in?code=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

describe('sealed sign-in links', () => {
  it('open for the principal they were sealed for, under the same secret, and nothing else', () => {
    const sealed = sealLink(SECRET, 'brand/b1/user/u1', LINK);
    expect(sealed).not.toContain('abcdefghij');
    expect(Buffer.from(sealed, 'base64url').includes(Buffer.from('code='))).toBe(false);
    expect(openLink(SECRET, 'brand/b1/user/u1', sealed)).toBe(LINK);
    expect(openLink(SECRET, 'brand/b2/user/u1', sealed)).toBeNull();
    expect(openLink(`${SECRET}!`, 'brand/b1/user/u1', sealed)).toBeNull();
    const bytes = Buffer.from(sealed, 'base64url');
    bytes[20] = bytes[20]! ^ 1;
    expect(openLink(SECRET, 'brand/b1/user/u1', bytes.toString('base64url'))).toBeNull();
    expect(openLink(SECRET, 'brand/b1/user/u1', 'short')).toBeNull();
  });

  it('seal the same link differently each time', () => {
    expect(sealLink(SECRET, 'ops/o', LINK)).not.toBe(sealLink(SECRET, 'ops/o', LINK));
  });
});
