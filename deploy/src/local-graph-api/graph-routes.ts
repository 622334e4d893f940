import { Router, type Request, type Response } from 'express';
import { authenticate, param, type GraphContext } from './graph-context';
import { graphFailures, sendGraphError } from './graph-errors';
import { CONTAINER_LIFETIME_MS, type Account, type Container, type Post } from './graph-state';

const POST_METRICS = ['reach', 'views', 'likes', 'comments', 'shares', 'saved'] as const;
const DEFAULT_PAGE = 25;

/**
 * The Graph API (graph.instagram.com/v23.0): the account, its media and their insights, and
 * content publishing (container, its status, media_publish). Any version `vNN.N` is served.
 */
export function graphRoutes(context: GraphContext): Router {
  const router = Router({ mergeParams: true });
  const { state } = context;

  router.use((request, response, next) => {
    const { version } = request.params as { version?: string };
    if (!version || !/^v\d+\.\d+$/.test(version)) {
      return sendGraphError(response, graphFailures.unknownPath());
    }
    next();
  });

  router.get('/me', (request, response) => {
    const caller = authenticate(context, request, response);
    if (caller) response.json(pick(userFields(caller.account), request, ['id']));
  });

  router.get('/:id/media', (request, response) => {
    const caller = ownAccount(request, response);
    if (!caller) return;
    const limit = clampLimit(param(request, 'limit'));
    const after = param(request, 'after');
    const start = after
      ? caller.account.posts.findIndex((post) => post.mediaId === decodeCursor(after)) + 1
      : 0;
    const page = caller.account.posts.slice(start, start + limit);
    const first = page.at(0);
    const last = page.at(-1);
    const more = start + limit < caller.account.posts.length;
    response.json({
      data: page.map((post) => pick(postFields(post, caller.account), request, ['id'])),
      ...(first && last
        ? {
            paging: {
              cursors: { before: encodeCursor(first.mediaId), after: encodeCursor(last.mediaId) },
              ...(more ? { next: nextPageUrl(request, encodeCursor(last.mediaId)) } : {}),
            },
          }
        : {}),
    });
  });

  router.post('/:id/media', (request, response) => {
    const caller = ownAccount(request, response);
    if (!caller) return;
    const imageUrl = param(request, 'image_url');
    const mediaType = param(request, 'media_type');
    if (mediaType !== 'STORIES') {
      return sendGraphError(response, graphFailures.invalidParameter('media_type must be STORIES'));
    }
    if (!imageUrl || !/^https?:\/\/\S+$/.test(imageUrl)) {
      return sendGraphError(
        response,
        graphFailures.invalidParameter('The parameter image_url is required'),
      );
    }
    const mediaFault = context.faults.take(['media_failed'], {
      path: request.path,
      username: caller.account.username,
    });
    const now = Date.now();
    const container: Container = {
      containerId: state.newMediaId(),
      userId: caller.account.userId,
      imageUrl,
      createdAt: now,
      readyAt: now + state.processingDelayMs,
      ...(mediaFault
        ? {
            failure: {
              subcode: mediaFault.subcode,
              message:
                mediaFault.message ??
                "Media download has failed. The media URI doesn't meet our requirements.",
            },
          }
        : {}),
    };
    state.containers.set(container.containerId, container);
    response.json({ id: container.containerId });
  });

  router.post('/:id/media_publish', (request, response) => {
    const caller = ownAccount(request, response);
    if (!caller) return;
    const creationId = param(request, 'creation_id');
    const container = creationId ? state.containers.get(creationId) : undefined;
    if (!creationId || !container || container.userId !== caller.account.userId) {
      return sendGraphError(response, graphFailures.noSuchObject(creationId ?? ''));
    }
    const status = containerStatus(container);
    if (status === 'PUBLISHED') return sendGraphError(response, graphFailures.alreadyPublished());
    if (status === 'IN_PROGRESS') return sendGraphError(response, graphFailures.notReady());
    if (status === 'EXPIRED') return sendGraphError(response, graphFailures.expiredContainer());
    if (status === 'ERROR') {
      return sendGraphError(
        response,
        graphFailures.mediaFailed(container.failure!.subcode, container.failure!.message),
      );
    }
    const mediaId = state.newMediaId();
    container.publishedMediaId = mediaId;
    caller.account.stories.push({
      mediaId,
      containerId: container.containerId,
      imageUrl: container.imageUrl,
      permalink: `https://www.instagram.com/stories/${caller.account.username}/${mediaId}/`,
      publishedAt: new Date().toISOString(),
    });
    response.json({ id: mediaId });
  });

  router.get('/:id/insights', (request, response) => {
    const caller = authenticate(context, request, response);
    if (!caller) return;
    const found = state.media(request.params.id);
    if (!found || found.account !== caller.account) {
      return sendGraphError(response, graphFailures.noSuchObject(request.params.id));
    }
    const metrics = (param(request, 'metric') ?? '').split(',').filter(Boolean);
    const unknown = metrics.find((metric) => !(POST_METRICS as readonly string[]).includes(metric));
    if (metrics.length === 0 || unknown !== undefined) {
      return sendGraphError(
        response,
        graphFailures.invalidParameter(
          `metric[0] must be one of the following values: ${POST_METRICS.join(', ')}`,
        ),
      );
    }
    const post = found.post;
    const values: Record<string, number> = {
      reach: post?.reach ?? 0,
      views: post?.views ?? 0,
      likes: post?.likes ?? 0,
      comments: post?.comments ?? 0,
      shares: 0,
      saved: 0,
    };
    response.json({
      data: metrics.map((name) => ({
        name,
        period: 'lifetime',
        values: [{ value: values[name] }],
        title: name,
        id: `${request.params.id}/insights/${name}/lifetime`,
      })),
    });
  });

  router.get('/:id', (request, response) => {
    const caller = authenticate(context, request, response);
    if (!caller) return;
    const { id } = request.params;
    const container = state.containers.get(id);
    if (container && container.userId === caller.account.userId) {
      const status = containerStatus(container);
      return response.json(
        pick(
          {
            id,
            status_code: status,
            status:
              status === 'ERROR'
                ? `Error: ${container.failure!.message} (${container.failure!.subcode})`
                : status === 'FINISHED' || status === 'PUBLISHED'
                  ? 'Finished: Media has been uploaded and it is ready to be published.'
                  : status === 'EXPIRED'
                    ? 'Expired: the container was not published within 24 hours.'
                    : 'In Progress: Media is still being processed.',
          },
          request,
          ['id'],
        ),
      );
    }
    const found = state.media(id);
    if (found && found.account === caller.account) {
      const fields = found.post
        ? postFields(found.post, found.account)
        : {
            id,
            media_type: 'IMAGE',
            media_product_type: 'STORY',
            permalink: found.story!.permalink,
            timestamp: found.story!.publishedAt,
            username: found.account.username,
          };
      return response.json(pick(fields, request, ['id']));
    }
    if (id === caller.account.userId) {
      return response.json(pick(userFields(caller.account), request, ['id']));
    }
    sendGraphError(response, graphFailures.noSuchObject(id));
  });

  /** The caller's own account, named in the path: another account's id does not exist for it. */
  function ownAccount(request: Request, response: Response) {
    const caller = authenticate(context, request, response);
    if (!caller) return undefined;
    if (request.params.id !== caller.account.userId && request.params.id !== 'me') {
      sendGraphError(response, graphFailures.noSuchObject(String(request.params.id)));
      return undefined;
    }
    return caller;
  }

  return router;
}

/** Processing takes `processingDelayMs`; unpublished, a container expires after 24 hours. */
function containerStatus(
  container: Container,
): 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED' {
  const now = Date.now();
  if (container.publishedMediaId) return 'PUBLISHED';
  if (now < container.readyAt) return 'IN_PROGRESS';
  if (container.failure) return 'ERROR';
  if (now > container.createdAt + CONTAINER_LIFETIME_MS) return 'EXPIRED';
  return 'FINISHED';
}

function userFields(account: Account): Record<string, unknown> {
  return {
    id: account.userId,
    user_id: account.userId,
    username: account.username,
    account_type: 'BUSINESS',
    followers_count: account.followers,
    media_count: account.posts.length,
  };
}

function postFields(post: Post, account: Account): Record<string, unknown> {
  return {
    id: post.mediaId,
    permalink: post.permalink,
    like_count: post.likes,
    comments_count: post.comments,
    timestamp: post.timestamp,
    media_type: 'IMAGE',
    media_product_type: 'FEED',
    username: account.username,
  };
}

/** Only the fields asked for (`fields=a,b`), as the Graph API answers; `id` always. */
function pick(
  all: Record<string, unknown>,
  request: Request,
  always: string[],
): Record<string, unknown> {
  const asked = (param(request, 'fields') ?? '')
    .split(',')
    .map((field) => field.trim())
    .filter(Boolean);
  const wanted = new Set([...always, ...asked]);
  return Object.fromEntries(Object.entries(all).filter(([field]) => wanted.has(field)));
}

function clampLimit(value: string | undefined): number {
  const limit = Number(value ?? DEFAULT_PAGE);
  return Number.isInteger(limit) && limit > 0 ? Math.min(limit, 100) : DEFAULT_PAGE;
}

function encodeCursor(mediaId: string): string {
  return Buffer.from(mediaId).toString('base64url');
}

function decodeCursor(cursor: string): string {
  return Buffer.from(cursor, 'base64url').toString();
}

function nextPageUrl(request: Request, after: string): string {
  const url = new URL(`${request.protocol}://${request.get('host')}${request.originalUrl}`);
  url.searchParams.set('after', after);
  return url.toString();
}
