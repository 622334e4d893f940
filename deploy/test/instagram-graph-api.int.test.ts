import { randomUUID } from 'node:crypto';
import {
  createInstagramGraphApi,
  LOCAL_GRAPH_CLIENT_ID,
  LOCAL_GRAPH_CLIENT_SECRET,
  SocialNetworkError,
  type AccountAccess,
  type SocialNetwork,
} from '@campaign/social-network';
import { localGraphControl, testEnvironment } from '@campaign/testing';

/**
 * The Instagram Graph API adapter against the local Graph API engine the global set-up started:
 * every flow of the port over real HTTP, and each switch of the control API surfacing as its
 * `SocialNetworkError` kind, without a token in any message.
 */
const { graphApiUrl } = testEnvironment();
const control = localGraphControl(graphApiUrl);
const instagram: SocialNetwork = createInstagramGraphApi({
  baseUrl: graphApiUrl,
  clientId: LOCAL_GRAPH_CLIENT_ID,
  clientSecret: LOCAL_GRAPH_CLIENT_SECRET,
  redirectUri: 'https://platform.example/social-account/connected',
  timeoutMs: 5_000,
});

/** A test account of its own, connected through the consent page and the code exchange. */
async function connectedAccount(followers = 2_000) {
  const username = `ig_${randomUUID().slice(0, 8)}`;
  const seeded = await control.createAccount({
    username,
    followers,
    posts: [
      { likes: 40, comments: 10, reach: 900, views: 1_300 },
      { likes: 70, comments: 20, reach: 1_500, views: 2_100 },
    ],
  });
  const { code } = await control.allow(instagram.authorizeUrl('s'), username);
  const connected = await instagram.exchangeCode(code);
  const access: AccountAccess = {
    accountId: connected.accountId,
    accessToken: connected.accessToken,
  };
  return { username, seeded, connected, access };
}

async function failure(call: Promise<unknown>): Promise<SocialNetworkError> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(SocialNetworkError);
  return error as SocialNetworkError;
}

describe('the Instagram Graph API adapter against the local Graph API', () => {
  it('connects an account: the consent page, the code and a long-lived token', async () => {
    const username = `ig_${randomUUID().slice(0, 8)}`;
    const seeded = await control.createAccount({ username, followers: 10 });
    const authorizeUrl = instagram.authorizeUrl('state-123');
    expect(authorizeUrl.startsWith(`${graphApiUrl}/oauth/authorize?`)).toBe(true);
    const query = new URL(authorizeUrl).searchParams;
    expect(query.get('client_id')).toBe(LOCAL_GRAPH_CLIENT_ID);
    expect(query.get('response_type')).toBe('code');
    expect(query.get('scope')).toContain('instagram_business_content_publish');

    const page = await fetch(authorizeUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`@${username}`);

    const { code, state } = await control.allow(authorizeUrl, username);
    expect(state).toBe('state-123');
    const before = Date.now();
    const connected = await instagram.exchangeCode(code);
    expect(connected).toMatchObject({ accountId: seeded.userId, username });
    // Long-lived: 60 days.
    expect(connected.expiresAt.getTime() - before).toBeGreaterThan(59 * 24 * 3600 * 1000);

    // A code opens one session only.
    const again = await failure(instagram.exchangeCode(code));
    expect(again.kind).toBe('invalid_request');
    expect(again.message).not.toContain(code);
  });

  it('refreshes a long-lived token into a fresh one that works', async () => {
    const { access, connected } = await connectedAccount();
    const refreshed = await instagram.refreshToken(access.accessToken);
    expect(refreshed.accessToken).not.toBe(connected.accessToken);
    expect(refreshed.expiresAt.getTime()).toBeGreaterThanOrEqual(connected.expiresAt.getTime());
    const audience = await instagram.audience({ ...access, accessToken: refreshed.accessToken });
    expect(audience.followers).toBe(2_000);
  });

  it('reads the audience: followers, and engagement from the recent posts', async () => {
    const { username, access } = await connectedAccount(2_000);
    // (40 + 10 + 70 + 20) / 2 posts / 2,000 followers = 3.5 %.
    expect(await instagram.audience(access)).toEqual({ followers: 2_000, engagementRate: 3.5 });
    await control.setFollowers(username, 8_000);
    expect(await instagram.audience(access)).toEqual({ followers: 8_000, engagementRate: 0.88 });
  });

  it('finds a post by its link, and reads and re-reads its insights', async () => {
    const { access, seeded } = await connectedAccount();
    const post = seeded.posts[1]!;
    const shared = `${post.permalink.replace('https://www.', 'http://')}?igsh=abc`;
    expect(await instagram.findPost(access, shared)).toEqual({ mediaId: post.mediaId });
    expect(await instagram.findPost(access, 'https://www.instagram.com/p/NOPE/')).toBeNull();
    expect(await instagram.postInsights(access, post.mediaId)).toEqual({
      reach: post.reach,
      impressions: post.views,
      likes: post.likes,
      comments: post.comments,
    });
    await control.changePost(post.mediaId, { likes: post.likes + 5, reach: 5_000 });
    expect(await instagram.postInsights(access, post.mediaId)).toMatchObject({
      reach: 5_000,
      likes: post.likes + 5,
    });
  });

  it('finds an older post past the first page of the media list', async () => {
    const { username, access, seeded } = await connectedAccount();
    for (let i = 0; i < 60; i++) await control.addPost(username, { likes: i });
    const oldest = seeded.posts.at(-1)!;
    expect(await instagram.findPost(access, oldest.permalink)).toEqual({ mediaId: oldest.mediaId });
  });

  it('publishes a story: container, IN_PROGRESS then FINISHED, published with its link', async () => {
    const { username, access } = await connectedAccount();
    const imageUrl = 'https://cdn.example/brand/story.jpg';
    const { containerId } = await instagram.createStoryContainer(access, imageUrl);
    expect(await instagram.containerStatus(access, containerId)).toBe('IN_PROGRESS');
    // Publishing before processing ends is refused as "not ready": worth trying again.
    expect((await failure(instagram.publishContainer(access, containerId))).kind).toBe(
      'unavailable',
    );
    await waitForStatus(access, containerId, 'FINISHED');
    const published = await instagram.publishContainer(access, containerId);
    expect(published.permalink).toBe(
      `https://www.instagram.com/stories/${username}/${published.mediaId}/`,
    );
    expect(await instagram.containerStatus(access, containerId)).toBe('PUBLISHED');
    expect(await control.stories(username)).toEqual([
      expect.objectContaining({ mediaId: published.mediaId, containerId, imageUrl }),
    ]);
  });

  describe('each switch of the control API, as its kind', () => {
    it.each<[{ code: 4 | 17 | 32 | 613; status: 400 | 429; retryAfterSeconds?: number }]>([
      [{ code: 4 as const, status: 400 as const }],
      [{ code: 17 as const, status: 400 as const }],
      [{ code: 32 as const, status: 400 as const }],
      [{ code: 613 as const, status: 429 as const, retryAfterSeconds: 120 }],
    ])('rate limited %j: rate_limited, then the next call passes', async (limit) => {
      const { username, access } = await connectedAccount();
      await control.armFault({ fault: 'rate_limited', username, ...limit });
      const error = await failure(instagram.audience(access));
      expect(error).toMatchObject({ kind: 'rate_limited', code: limit.code, transient: true });
      expect(error.retryAfterSeconds).toBe(limit.retryAfterSeconds);
      expect(error.message).not.toContain(access.accessToken);
      expect((await instagram.audience(access)).followers).toBe(2_000);
    });

    it('a token expired (190/463): token_expired, for the refresh too', async () => {
      const { username, access } = await connectedAccount();
      await control.invalidateTokens(username, 'expired');
      const error = await failure(instagram.audience(access));
      expect(error).toMatchObject({ kind: 'token_expired', code: 190, subcode: 463 });
      expect(error.transient).toBe(false);
      const refresh = await failure(instagram.refreshToken(access.accessToken));
      expect(refresh.kind).toBe('token_expired');
      for (const thrown of [error, refresh]) {
        expect(thrown.message).not.toContain(access.accessToken);
        expect(String(thrown.stack)).not.toContain(access.accessToken);
      }
    });

    it('a token revoked (190/458): token_revoked', async () => {
      const { username, access } = await connectedAccount();
      await control.invalidateTokens(username, 'revoked');
      const error = await failure(instagram.findPost(access, 'https://www.instagram.com/p/X/'));
      expect(error).toMatchObject({ kind: 'token_revoked', code: 190, subcode: 458 });
      expect(error.message).not.toContain(access.accessToken);
    });

    it('the next call only, as expired or revoked, when armed as a fault', async () => {
      const { username, access } = await connectedAccount();
      await control.armFault({ fault: 'token_expired', username, path: '/insights' });
      const mediaId = (await control.account(username)).posts[0]!.mediaId;
      expect((await failure(instagram.postInsights(access, mediaId))).kind).toBe('token_expired');
      await control.armFault({ fault: 'token_revoked', username });
      expect((await failure(instagram.audience(access))).kind).toBe('token_revoked');
      expect((await instagram.postInsights(access, mediaId)).reach).toBeGreaterThan(0);
    });

    it('media processing fails: the container ends in ERROR, publishing it is media_failed', async () => {
      const { username, access } = await connectedAccount();
      await control.armFault({ fault: 'media_failed', username, subcode: 2207004 });
      const { containerId } = await instagram.createStoryContainer(
        access,
        'https://cdn.example/x.jpg',
      );
      await waitForStatus(access, containerId, 'ERROR');
      const error = await failure(instagram.publishContainer(access, containerId));
      expect(error).toMatchObject({ kind: 'media_failed', subcode: 2207004, transient: false });
      expect(await control.stories(username)).toEqual([]);
    });

    it('the publishing limit (9/2207042): rate_limited, nothing published', async () => {
      const { username, access } = await connectedAccount();
      await control.armFault({ fault: 'publishing_limit', username, retryAfterSeconds: 3_600 });
      const { containerId } = await instagram.createStoryContainer(
        access,
        'https://cdn.example/y.jpg',
      );
      await waitForStatus(access, containerId, 'FINISHED');
      const error = await failure(instagram.publishContainer(access, containerId));
      expect(error).toMatchObject({
        kind: 'rate_limited',
        code: 9,
        subcode: 2207042,
        retryAfterSeconds: 3_600,
      });
      expect(await control.stories(username)).toEqual([]);
      // Once the limit has passed, the same container publishes.
      await instagram.publishContainer(access, containerId);
      expect(await control.stories(username)).toHaveLength(1);
    });

    it('the network unavailable (5xx), and unreachable: unavailable', async () => {
      const { username, access } = await connectedAccount();
      await control.armFault({ fault: 'unavailable', username, times: 2 });
      expect((await failure(instagram.audience(access))).kind).toBe('unavailable');
      expect(
        (await failure(instagram.createStoryContainer(access, 'https://cdn.example/z.jpg'))).kind,
      ).toBe('unavailable');
      const nowhere = createInstagramGraphApi({
        baseUrl: 'http://127.0.0.1:9',
        clientId: LOCAL_GRAPH_CLIENT_ID,
        clientSecret: LOCAL_GRAPH_CLIENT_SECRET,
        redirectUri: 'https://platform.example/back',
        timeoutMs: 1_000,
      });
      const unreachable = await failure(nowhere.audience(access));
      expect(unreachable.kind).toBe('unavailable');
      expect(unreachable.message).not.toContain(access.accessToken);
    });

    it("another account's post or container does not exist for this token: not_found", async () => {
      const mine = await connectedAccount();
      const theirs = await connectedAccount();
      const error = await failure(
        instagram.postInsights(mine.access, theirs.seeded.posts[0]!.mediaId),
      );
      expect(error.kind).toBe('not_found');
      const creating = await failure(
        instagram.createStoryContainer(
          { ...mine.access, accountId: theirs.access.accountId },
          'https://cdn.example/a.jpg',
        ),
      );
      expect(creating.kind).toBe('not_found');
    });
  });
});

async function waitForStatus(access: AccountAccess, containerId: string, wanted: string) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const status = await instagram.containerStatus(access, containerId);
    if (status === wanted) return;
    if (status !== 'IN_PROGRESS' || Date.now() > deadline) {
      throw new Error(`container ${containerId} is ${status}, not ${wanted}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
