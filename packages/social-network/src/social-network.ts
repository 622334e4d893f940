/**
 * The port through which the platform reaches the social network (Instagram): connecting an
 * influencer's account, reading its audience and its posts' insights, and publishing the
 * platform's story. The Instagram Graph API adapter implements it against the real API or the
 * local Graph API (`deploy`), chosen by URL; nothing else of the platform speaks the network's
 * HTTP. Tokens pass through it but are never logged by it.
 */

/** A connected account as the port needs it: its id on the network and a live access token. */
export type AccountAccess = { accountId: string; accessToken: string };

/** A long-lived access token and when it stops working. */
export type AccessToken = { accessToken: string; expiresAt: Date };

export type ConnectedAccount = AccessToken & { accountId: string; username: string };

export type Audience = {
  followers: number;
  /** Engagement, in percent of followers (likes and comments of recent posts, per post). */
  engagementRate: number;
};

export type PostInsights = { reach: number; impressions: number; likes: number; comments: number };

/** Where a story's media container is in the network's processing. */
export type ContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';

export type PublishedMedia = { mediaId: string; permalink: string | null };

export type SocialNetwork = {
  /** Where to send the influencer to grant access; `state` comes back with the code. */
  authorizeUrl(state: string): string;
  /** The code from the redirect, exchanged for a long-lived token and the account it opens. */
  exchangeCode(code: string): Promise<ConnectedAccount>;
  /** A long-lived token exchanged for a fresh one, before it expires. */
  refreshToken(accessToken: string): Promise<AccessToken>;
  audience(account: AccountAccess): Promise<Audience>;
  /** The account's post at this link, if it has one. */
  findPost(account: AccountAccess, permalink: string): Promise<{ mediaId: string } | null>;
  postInsights(account: AccountAccess, mediaId: string): Promise<PostInsights>;
  /** Content publishing, step 1: a story's media container, from a public image URL. */
  createStoryContainer(account: AccountAccess, imageUrl: string): Promise<{ containerId: string }>;
  /** Step 2: wait until the container is FINISHED (or ERROR / EXPIRED). */
  containerStatus(account: AccountAccess, containerId: string): Promise<ContainerStatus>;
  /** Step 3: publish a FINISHED container. */
  publishContainer(account: AccountAccess, containerId: string): Promise<PublishedMedia>;
};
