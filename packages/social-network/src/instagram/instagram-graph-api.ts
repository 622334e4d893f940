import type { AccessToken, AccountAccess, ContainerStatus, SocialNetwork } from '../social-network';
import { SocialNetworkError } from '../social-network-error';
import { engagementRate } from './engagement';
import { listField, numberField, stringField } from './graph-fields';
import { graphHttp } from './graph-http';
import { POST_METRICS, readPostInsights } from './insights';
import { samePermalink } from './permalink';
import {
  DEFAULT_API_VERSION,
  DEFAULT_SCOPES,
  instagramHosts,
  type InstagramGraphApiSettings,
} from './settings';

/** Recent posts the engagement rate is measured on. */
const RECENT_POSTS = 12;
/** How far back a post is looked for by its link: pages of 50 posts. */
const POSTS_PER_PAGE = 50;
const MAX_PAGES = 6;
const containerStatuses = new Set<ContainerStatus>([
  'IN_PROGRESS',
  'FINISHED',
  'ERROR',
  'EXPIRED',
  'PUBLISHED',
]);

/**
 * The port over the Instagram API with Instagram Login: the real one, or the local Graph API when
 * `settings.baseUrl` points at it.
 */
export function createInstagramGraphApi(settings: InstagramGraphApiSettings): SocialNetwork {
  const hosts = instagramHosts(settings.baseUrl);
  const version = settings.apiVersion ?? DEFAULT_API_VERSION;
  const http = graphHttp(settings);
  const graph = (path: string) => `${hosts.graph}/${version}/${path}`;

  const get = (path: string, token: string, params: Record<string, string> = {}) =>
    http({
      method: 'GET',
      url: graph(path),
      params: { ...params, access_token: token },
      secrets: [token],
    });
  const post = (path: string, token: string, params: Record<string, string>) =>
    http({
      method: 'POST',
      url: graph(path),
      params: { ...params, access_token: token },
      secrets: [token],
    });

  const longLived = (body: Record<string, unknown>, what: string): AccessToken => ({
    accessToken: stringField(body, 'access_token', what),
    expiresAt: new Date(Date.now() + numberField(body, 'expires_in') * 1000),
  });

  return {
    authorizeUrl(state) {
      const query = new URLSearchParams({
        client_id: settings.clientId,
        redirect_uri: settings.redirectUri,
        response_type: 'code',
        scope: (settings.scopes ?? DEFAULT_SCOPES).join(','),
        state,
      });
      return `${hosts.authorize}/oauth/authorize?${query.toString()}`;
    },

    async exchangeCode(code) {
      // Instagram appends `#_` to the code in its redirect; it is not part of the code.
      const cleanCode = code.replace(/#_$/, '');
      const shortLived = await http({
        method: 'POST',
        url: `${hosts.oauth}/oauth/access_token`,
        params: {
          client_id: settings.clientId,
          client_secret: settings.clientSecret,
          grant_type: 'authorization_code',
          redirect_uri: settings.redirectUri,
          code: cleanCode,
        },
        secrets: [settings.clientSecret, cleanCode],
      });
      // Answered flat, or (as some versions do) as the first entry of `data`.
      const granted = listField(shortLived, 'data')[0] ?? shortLived;
      const shortToken = stringField(granted, 'access_token', 'the code exchange');
      const exchanged = await http({
        method: 'GET',
        url: `${hosts.graph}/access_token`,
        params: {
          grant_type: 'ig_exchange_token',
          client_secret: settings.clientSecret,
          access_token: shortToken,
        },
        secrets: [settings.clientSecret, shortToken],
      });
      const token = longLived(exchanged, 'the long-lived token exchange');
      // The account's id as a string from /me: the code exchange gives it as a JSON number, which
      // loses digits past 2^53.
      const me = await get('me', token.accessToken, { fields: 'user_id,username' });
      return {
        ...token,
        accountId: stringField(me, 'user_id', 'GET /me'),
        username: stringField(me, 'username', 'GET /me'),
      };
    },

    async refreshToken(accessToken) {
      const refreshed = await http({
        method: 'GET',
        url: `${hosts.graph}/refresh_access_token`,
        params: { grant_type: 'ig_refresh_token', access_token: accessToken },
        secrets: [accessToken],
      });
      return longLived(refreshed, 'the token refresh');
    },

    async audience(account) {
      const me = await get('me', account.accessToken, {
        fields: 'user_id,username,followers_count,media_count',
      });
      const followers = numberField(me, 'followers_count');
      const media = await get(`${account.accountId}/media`, account.accessToken, {
        fields: 'id,like_count,comments_count,timestamp',
        limit: String(RECENT_POSTS),
      });
      const posts = listField(media, 'data').map((post) => ({
        likes: numberField(post, 'like_count'),
        comments: numberField(post, 'comments_count'),
      }));
      return { followers, engagementRate: engagementRate(followers, posts) };
    },

    async findPost(account, permalink) {
      const wanted = samePermalink(permalink);
      let after: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const media = await get(`${account.accountId}/media`, account.accessToken, {
          fields: 'id,permalink,like_count,comments_count,timestamp',
          limit: String(POSTS_PER_PAGE),
          ...(after ? { after } : {}),
        });
        for (const post of listField(media, 'data')) {
          if (typeof post.permalink === 'string' && samePermalink(post.permalink) === wanted) {
            return { mediaId: stringField(post, 'id', 'the media list') };
          }
        }
        after = nextCursor(media);
        if (!after) return null;
      }
      return null;
    },

    async postInsights(account, mediaId) {
      const body = await get(`${mediaId}/insights`, account.accessToken, {
        metric: POST_METRICS.join(','),
      });
      return readPostInsights(body);
    },

    async createStoryContainer(account, imageUrl) {
      const body = await post(`${account.accountId}/media`, account.accessToken, {
        image_url: imageUrl,
        media_type: 'STORIES',
      });
      return { containerId: stringField(body, 'id', 'the story container') };
    },

    async containerStatus(account, containerId) {
      const body = await get(containerId, account.accessToken, { fields: 'status_code,status' });
      const status = body.status_code;
      if (typeof status === 'string' && containerStatuses.has(status as ContainerStatus)) {
        return status as ContainerStatus;
      }
      throw new SocialNetworkError(
        'unavailable',
        `Instagram answered an unknown status for container ${containerId}`,
      );
    },

    async publishContainer(account, containerId) {
      const published = await post(`${account.accountId}/media_publish`, account.accessToken, {
        creation_id: containerId,
      });
      const mediaId = stringField(published, 'id', 'the publishing');
      const media = await readPermalink(account, mediaId);
      return { mediaId, permalink: media };
    },
  };

  /**
   * The published media's link. The story is out already: a failure here costs only the link, never
   * a second publishing (which an error would invite).
   */
  async function readPermalink(account: AccountAccess, mediaId: string): Promise<string | null> {
    try {
      const media = await get(mediaId, account.accessToken, { fields: 'id,permalink' });
      return typeof media.permalink === 'string' ? media.permalink : null;
    } catch {
      return null;
    }
  }
}

function nextCursor(body: Record<string, unknown>): string | undefined {
  const paging = body.paging as { next?: unknown; cursors?: { after?: unknown } } | undefined;
  if (!paging?.next) return undefined;
  return typeof paging.cursors?.after === 'string' ? paging.cursors.after : undefined;
}
