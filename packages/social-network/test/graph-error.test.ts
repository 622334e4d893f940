import {
  engagementRate,
  graphError,
  instagramSettings,
  LOCAL_GRAPH_CLIENT_SECRET,
  redactUrl,
  samePermalink,
  socialNetworkConfigFields,
} from '../src';
import { z } from 'zod';

const body = (code: number, subcode?: number, message = 'said') => ({
  error: { message, type: 'OAuthException', code, error_subcode: subcode, fbtrace_id: 'Axyz' },
});
const kindOf = (status: number, answer: unknown, headers = new Headers()) =>
  graphError('GET /v23.0/me', status, answer, headers).kind;

describe("the Graph API's errors as the port's kinds", () => {
  it.each([
    [400, 190, 463, 'token_expired'],
    [400, 190, 467, 'token_expired'],
    [400, 190, 458, 'token_revoked'],
    [400, 190, 460, 'token_revoked'],
    [400, 190, undefined, 'token_revoked'],
    [400, 4, undefined, 'rate_limited'],
    [400, 17, undefined, 'rate_limited'],
    [400, 32, undefined, 'rate_limited'],
    [400, 613, undefined, 'rate_limited'],
    [400, 9, 2207042, 'rate_limited'],
    [400, 9004, 2207052, 'media_failed'],
    [400, 9007, 2207027, 'unavailable'],
    [400, 100, 33, 'not_found'],
    [400, 100, undefined, 'invalid_request'],
    [500, 1, undefined, 'unavailable'],
    [503, 2, undefined, 'unavailable'],
    [403, 10, undefined, 'token_revoked'],
  ] as const)('HTTP %i, code %i/%s → %s', (status, code, subcode, kind) => {
    expect(kindOf(status, body(code, subcode))).toBe(kind);
  });

  it("reads the status when the body is not the Graph API's", () => {
    expect(kindOf(429, undefined)).toBe('rate_limited');
    expect(kindOf(502, '<html>bad gateway</html>')).toBe('unavailable');
    expect(kindOf(404, {})).toBe('not_found');
    expect(kindOf(400, { nothing: true })).toBe('invalid_request');
  });

  it("reads the code exchange's own shape (error_type, error_message)", () => {
    const error = graphError(
      'POST /oauth/access_token',
      400,
      { error_type: 'OAuthException', code: 400, error_message: 'Invalid authorization code' },
      new Headers(),
    );
    expect(error.kind).toBe('invalid_request');
    expect(error.message).toContain('Invalid authorization code');
  });

  it('keeps the code and subcode, and the wait the network asks for', () => {
    const error = graphError('GET /v23.0/me', 400, body(4), new Headers({ 'retry-after': '90' }));
    expect(error).toMatchObject({ kind: 'rate_limited', code: 4, retryAfterSeconds: 90 });
    expect(error.transient).toBe(true);
    const usage = JSON.stringify({
      '1784': [{ type: 'instagram', estimated_time_to_regain_access: 7 }],
    });
    const business = graphError(
      'GET /v23.0/me',
      400,
      body(80002),
      new Headers({ 'x-business-use-case-usage': usage }),
    );
    expect(business).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 420 });
    const limited = graphError(
      'GET /v23.0/me',
      400,
      body(32),
      new Headers({ 'x-business-use-case-usage': usage }),
    );
    expect(limited.retryAfterSeconds).toBe(420);
    const expired = graphError('GET /v23.0/me', 400, body(190, 463), new Headers());
    expect(expired).toMatchObject({ code: 190, subcode: 463, retryAfterSeconds: undefined });
    expect(expired.transient).toBe(false);
  });

  it('never repeats a secret the network echoes back', () => {
    const token = 'IGQWRsecret-token-value';
    const error = graphError(
      'GET /v23.0/me',
      400,
      body(190, 463, `Session for ${token} has expired`),
      new Headers(),
      [token],
    );
    expect(error.message).not.toContain(token);
    expect(error.message).toContain('***');
  });
});

describe('redacting URLs', () => {
  it('hides tokens, the app secret and the code, keeps the rest', () => {
    const redacted = redactUrl(
      'https://graph.instagram.com/access_token?grant_type=ig_exchange_token&client_secret=s3cret&access_token=tok3n&code=c0de',
    );
    expect(redacted).not.toMatch(/s3cret|tok3n|c0de/);
    expect(redacted).toContain('grant_type=ig_exchange_token');
  });
});

describe('engagement rate', () => {
  it('is likes and comments per recent post over followers, in percent to 2 decimals', () => {
    expect(
      engagementRate(1000, [
        { likes: 10, comments: 2 },
        { likes: 20, comments: 4 },
      ]),
    ).toBe(1.8);
    expect(engagementRate(3, [{ likes: 1, comments: 0 }])).toBe(33.33);
  });

  it('is 0 without followers or posts', () => {
    expect(engagementRate(0, [{ likes: 5, comments: 5 }])).toBe(0);
    expect(engagementRate(1000, [])).toBe(0);
  });
});

describe('comparing post links', () => {
  it('ignores www, the scheme, the query and the trailing slash', () => {
    expect(samePermalink('http://instagram.com/p/ABC?igsh=x')).toBe(
      samePermalink('https://www.instagram.com/p/ABC/'),
    );
    expect(samePermalink('https://www.instagram.com/p/ABC/')).not.toBe(
      samePermalink('https://www.instagram.com/p/ABD/'),
    );
  });
});

describe('the settings a service spreads into its config', () => {
  const Config = z.object(socialNetworkConfigFields);

  it('defaults to the local Graph API app, and refuses it against the real API', () => {
    const local = Config.parse({ INSTAGRAM_GRAPH_URL: 'http://127.0.0.1:3004' });
    expect(instagramSettings(local)).toMatchObject({ baseUrl: 'http://127.0.0.1:3004' });
    const unset = Config.parse({});
    expect(unset.INSTAGRAM_CLIENT_SECRET).toBe(LOCAL_GRAPH_CLIENT_SECRET);
    expect(() => instagramSettings(unset)).toThrow(/INSTAGRAM_CLIENT_SECRET/);
  });

  it('reaches the real API when the URL is unset (or empty) and the app is its own', () => {
    const real = Config.parse({
      INSTAGRAM_GRAPH_URL: '',
      INSTAGRAM_CLIENT_ID: '123',
      INSTAGRAM_CLIENT_SECRET: 'real-secret',
      INSTAGRAM_REDIRECT_URI: 'https://app.example/social-account/connected',
    });
    expect(instagramSettings(real).baseUrl).toBeUndefined();
  });

  it('refuses a URL that is not one', () => {
    expect(Config.safeParse({ INSTAGRAM_GRAPH_URL: 'graph.local' }).success).toBe(false);
  });
});
