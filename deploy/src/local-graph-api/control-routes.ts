import { Router, type Response } from 'express';
import { z } from 'zod';
import { ArmFault } from './faults';
import type { GraphContext } from './graph-context';
import type { Account, GraphState, Post } from './graph-state';

/**
 * `/_control`: never part of the real API. Seeds test accounts and their posts, changes their
 * figures, arms faults, issues a token directly (the platform's own account) and reads what was
 * published.
 */
const NewPost = z.strictObject({
  permalink: z
    .string()
    .regex(/^https?:\/\/\S+$/)
    .optional(),
  likes: z.number().int().min(0).default(0),
  comments: z.number().int().min(0).default(0),
  reach: z.number().int().min(0).default(0),
  views: z.number().int().min(0).default(0),
  timestamp: z.iso.datetime({ offset: true }).optional(),
});
const NewAccount = z.strictObject({
  username: z.string().regex(/^[A-Za-z0-9._]{1,30}$/, 'an Instagram username'),
  followers: z.number().int().min(0).default(0),
  posts: z.array(NewPost).max(500).default([]),
});
const AccountChange = z.strictObject({ followers: z.number().int().min(0) });
const PostChange = NewPost.omit({ permalink: true, timestamp: true }).partial();
const TokenChange = z.strictObject({ state: z.enum(['expired', 'revoked']) });
const Settings = z.strictObject({ processingDelayMs: z.number().int().min(0).max(600_000) });

export function controlRoutes(context: GraphContext): Router {
  const router = Router();
  const { state, faults } = context;

  router.post('/accounts', (request, response) => {
    const input = parse(NewAccount, request.body, response);
    if (!input) return;
    if (state.accountByUsername(input.username)) {
      return refuse(response, 409, `the account @${input.username} exists already`);
    }
    const account: Account = {
      userId: state.newUserId(),
      username: input.username,
      followers: input.followers,
      posts: [],
      stories: [],
    };
    state.accounts.set(account.userId, account);
    // Given oldest first; kept newest first, as the media list answers.
    for (const post of input.posts) addPost(state, account, post);
    response.status(201).json(accountView(account));
  });

  router.get('/accounts', (_request, response) => {
    response.json({ accounts: [...state.accounts.values()].map(accountView) });
  });

  router.get('/accounts/:username', (request, response) => {
    const account = state.accountByUsername(request.params.username);
    if (!account) return refuse(response, 404, `no account @${request.params.username}`);
    response.json(accountView(account));
  });

  router.patch('/accounts/:username', (request, response) => {
    const account = state.accountByUsername(request.params.username);
    if (!account) return refuse(response, 404, `no account @${request.params.username}`);
    const input = parse(AccountChange, request.body, response);
    if (!input) return;
    account.followers = input.followers;
    response.json(accountView(account));
  });

  router.post('/accounts/:username/posts', (request, response) => {
    const account = state.accountByUsername(request.params.username);
    if (!account) return refuse(response, 404, `no account @${request.params.username}`);
    const input = parse(NewPost, request.body, response);
    if (!input) return;
    response.status(201).json(postView(addPost(state, account, input)));
  });

  router.patch('/media/:mediaId', (request, response) => {
    const post = state.media(request.params.mediaId)?.post;
    if (!post) return refuse(response, 404, `no post ${request.params.mediaId}`);
    const input = parse(PostChange, request.body, response);
    if (!input) return;
    Object.assign(post, input);
    response.json(postView(post));
  });

  /** A long-lived token without the consent page: the platform's own account, a test's shortcut. */
  router.post('/accounts/:username/token', (request, response) => {
    const account = state.accountByUsername(request.params.username);
    if (!account) return refuse(response, 404, `no account @${request.params.username}`);
    const accessToken = state.issueToken(account.userId, 'long');
    const token = state.tokens.get(accessToken)!;
    response.status(201).json({
      accountId: account.userId,
      accessToken,
      expiresAt: new Date(token.expiresAt).toISOString(),
    });
  });

  /** Every token of the account expires (190/463) or is revoked (190/458) from now on. */
  router.post('/accounts/:username/tokens', (request, response) => {
    const account = state.accountByUsername(request.params.username);
    if (!account) return refuse(response, 404, `no account @${request.params.username}`);
    const input = parse(TokenChange, request.body, response);
    if (!input) return;
    response.json({ tokens: state.invalidateTokens(account.userId, input.state) });
  });

  router.post('/faults', (request, response) => {
    const input = parse(ArmFault, request.body, response);
    if (!input) return;
    response.status(201).json(faults.arm(input));
  });

  router.get('/faults', (_request, response) => {
    response.json({ faults: faults.list() });
  });

  router.delete('/faults', (request, response) => {
    const username =
      typeof request.query.username === 'string' ? request.query.username : undefined;
    faults.clear(username);
    response.status(204).end();
  });

  /** The stories published, oldest first (of one account with `?username=`). */
  router.get('/stories', (request, response) => {
    const username =
      typeof request.query.username === 'string' ? request.query.username : undefined;
    const stories = [...state.accounts.values()]
      .filter((account) => !username || account.username === username)
      .flatMap((account) =>
        account.stories.map((story) => ({ username: account.username, ...story })),
      )
      .sort((a, b) => a.publishedAt.localeCompare(b.publishedAt));
    response.json({ stories });
  });

  router.put('/settings', (request, response) => {
    const input = parse(Settings, request.body, response);
    if (!input) return;
    state.processingDelayMs = input.processingDelayMs;
    response.json({ processingDelayMs: state.processingDelayMs });
  });

  return router;
}

function addPost(state: GraphState, account: Account, input: z.infer<typeof NewPost>): Post {
  const mediaId = state.newMediaId();
  const post: Post = {
    mediaId,
    permalink: input.permalink ?? `https://www.instagram.com/p/${shortcode(mediaId)}/`,
    timestamp: input.timestamp ?? new Date().toISOString(),
    likes: input.likes,
    comments: input.comments,
    reach: input.reach,
    views: input.views,
  };
  account.posts.unshift(post);
  return post;
}

/** A shortcode for the generated link, from the id: the same seed gives the same links. */
function shortcode(mediaId: string): string {
  return `L${BigInt(mediaId).toString(36).toUpperCase()}`;
}

function accountView(account: Account) {
  return {
    userId: account.userId,
    username: account.username,
    followers: account.followers,
    posts: account.posts.map(postView),
    stories: account.stories,
  };
}

function postView(post: Post) {
  return { ...post };
}

function parse<Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
  response: Response,
): z.infer<Schema> | undefined {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  refuse(
    response,
    400,
    result.error.issues
      .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
      .join('; '),
  );
  return undefined;
}

function refuse(response: Response, status: number, detail: string): void {
  response.status(status).json({ error: detail });
}
