/**
 * The local Graph API's `/_control` for tests: seeding accounts, changing their figures, arming
 * faults and reading the stories published. Usernames are the tests' own (unique per test), and
 * faults are scoped to one, so test files running at once do not meet each other's faults.
 */
export type ControlPost = {
  permalink?: string;
  likes?: number;
  comments?: number;
  reach?: number;
  views?: number;
  timestamp?: string;
};

export type ControlAccount = {
  userId: string;
  username: string;
  followers: number;
  posts: (Required<Omit<ControlPost, 'permalink'>> & { mediaId: string; permalink: string })[];
  stories: PublishedStory[];
};

export type PublishedStory = {
  username: string;
  mediaId: string;
  containerId: string;
  imageUrl: string;
  permalink: string;
  publishedAt: string;
};

export type GraphFault = {
  fault:
    | 'rate_limited'
    | 'token_expired'
    | 'token_revoked'
    | 'media_failed'
    | 'publishing_limit'
    | 'unavailable';
  username: string;
  times?: number;
  path?: string;
  code?: 4 | 17 | 32 | 613;
  status?: 400 | 429;
  retryAfterSeconds?: number;
  subcode?: number;
  message?: string;
};

export function localGraphControl(graphApiUrl: string) {
  const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${graphApiUrl}/_control${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw new Error(
        `local Graph API ${method} ${path}: ${response.status} ${await response.text()}`,
      );
    }
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
  return {
    createAccount: (account: { username: string; followers: number; posts?: ControlPost[] }) =>
      control<ControlAccount>('POST', '/accounts', account),
    account: (username: string) => control<ControlAccount>('GET', `/accounts/${username}`),
    setFollowers: (username: string, followers: number) =>
      control<ControlAccount>('PATCH', `/accounts/${username}`, { followers }),
    addPost: (username: string, post: ControlPost) =>
      control<ControlAccount['posts'][number]>('POST', `/accounts/${username}/posts`, post),
    changePost: (mediaId: string, figures: Omit<ControlPost, 'permalink' | 'timestamp'>) =>
      control<ControlAccount['posts'][number]>('PATCH', `/media/${mediaId}`, figures),
    /** A long-lived token without the consent page (the platform's own account). */
    issueToken: (username: string) =>
      control<{ accountId: string; accessToken: string; expiresAt: string }>(
        'POST',
        `/accounts/${username}/token`,
      ),
    /** Every token of the account answers expired (190/463) or revoked (190/458) from now on. */
    invalidateTokens: (username: string, state: 'expired' | 'revoked') =>
      control<{ tokens: number }>('POST', `/accounts/${username}/tokens`, { state }),
    armFault: (fault: GraphFault) => control<{ id: number }>('POST', '/faults', fault),
    clearFaults: (username: string) =>
      control<void>('DELETE', `/faults?username=${encodeURIComponent(username)}`),
    stories: async (username: string) =>
      (
        await control<{ stories: PublishedStory[] }>(
          'GET',
          `/stories?username=${encodeURIComponent(username)}`,
        )
      ).stories,
    /**
     * The consent page's "Allow" for this account: follows the platform's authorize URL and returns
     * the code and state Instagram would send back.
     */
    allow: async (authorizeUrl: string, username: string) => {
      const url = new URL(authorizeUrl);
      url.searchParams.set('account', username);
      const response = await fetch(url, { redirect: 'manual' });
      const location = response.headers.get('location');
      if (response.status !== 302 || !location) {
        throw new Error(`the consent page answered ${response.status}: ${await response.text()}`);
      }
      const back = new URL(location);
      return { code: back.searchParams.get('code') ?? '', state: back.searchParams.get('state') };
    },
  };
}

export type LocalGraphControl = ReturnType<typeof localGraphControl>;
