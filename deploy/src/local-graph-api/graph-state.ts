import { randomBytes } from 'node:crypto';

/**
 * The local Graph API's memory: test accounts with their posts, the codes and tokens it issued,
 * the story containers and what was published. Ids come from counters (the same seed gives the
 * same ids); tokens and codes are random, as opaque as the real ones.
 */
export type Post = {
  mediaId: string;
  permalink: string;
  timestamp: string;
  likes: number;
  comments: number;
  reach: number;
  views: number;
};

export type Story = {
  mediaId: string;
  containerId: string;
  imageUrl: string;
  permalink: string;
  publishedAt: string;
};

export type Account = {
  userId: string;
  username: string;
  followers: number;
  /** Newest first, as the media list answers. */
  posts: Post[];
  stories: Story[];
};

export type Token = {
  userId: string;
  lifetime: 'short' | 'long';
  expiresAt: number;
  /** Set by the control API: the token answers 190 with this subcode from then on. */
  invalidated?: 'expired' | 'revoked';
};

export type Container = {
  containerId: string;
  userId: string;
  imageUrl: string;
  createdAt: number;
  /** When processing ends (FINISHED, or ERROR when a media fault was armed). */
  readyAt: number;
  failure?: { subcode: number; message: string };
  publishedMediaId?: string;
};

export type Code = { userId: string; redirectUri: string; expiresAt: number };

/** Lifetimes as Instagram's: a code 10 minutes, a short-lived token 1 hour, a long-lived 60 days. */
export const CODE_LIFETIME_MS = 10 * 60 * 1000;
export const SHORT_TOKEN_LIFETIME_MS = 60 * 60 * 1000;
export const LONG_TOKEN_LIFETIME_MS = 60 * 24 * 60 * 60 * 1000;
/** An unpublished container expires after 24 hours. */
export const CONTAINER_LIFETIME_MS = 24 * 60 * 60 * 1000;

export class GraphState {
  readonly accounts = new Map<string, Account>();
  readonly tokens = new Map<string, Token>();
  readonly codes = new Map<string, Code>();
  readonly containers = new Map<string, Container>();
  private nextUser = 1;
  private nextMedia = 1;

  constructor(public processingDelayMs: number) {}

  /** Instagram's professional account ids are 17 digits, past JavaScript's safe integers. */
  newUserId(): string {
    return `178414${String(this.nextUser++).padStart(11, '0')}`;
  }

  newMediaId(): string {
    return `179${String(this.nextMedia++).padStart(14, '0')}`;
  }

  accountByUsername(username: string): Account | undefined {
    for (const account of this.accounts.values()) if (account.username === username) return account;
    return undefined;
  }

  /** The post (feed media) or story with this id, and its account. */
  media(mediaId: string): { account: Account; post?: Post; story?: Story } | undefined {
    for (const account of this.accounts.values()) {
      const post = account.posts.find((candidate) => candidate.mediaId === mediaId);
      if (post) return { account, post };
      const story = account.stories.find((candidate) => candidate.mediaId === mediaId);
      if (story) return { account, story };
    }
    return undefined;
  }

  issueToken(userId: string, lifetime: Token['lifetime'], now = Date.now()): string {
    const token = `IGLOCAL${randomBytes(24).toString('base64url')}`;
    const lifetimeMs = lifetime === 'short' ? SHORT_TOKEN_LIFETIME_MS : LONG_TOKEN_LIFETIME_MS;
    this.tokens.set(token, { userId, lifetime, expiresAt: now + lifetimeMs });
    return token;
  }

  issueCode(userId: string, redirectUri: string, now = Date.now()): string {
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, { userId, redirectUri, expiresAt: now + CODE_LIFETIME_MS });
    return code;
  }

  /** Every token of the account answers as expired (190/463) or revoked (190/458) from now on. */
  invalidateTokens(userId: string, how: 'expired' | 'revoked'): number {
    let count = 0;
    for (const token of this.tokens.values()) {
      if (token.userId === userId) {
        token.invalidated = how;
        count++;
      }
    }
    return count;
  }
}
