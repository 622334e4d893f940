/** A recent post's interactions, as the media list gives them. */
export type PostInteractions = { likes: number; comments: number };

/**
 * Engagement in percent of followers: likes and comments per recent post, over the followers,
 * to 2 decimals. No followers or no posts: 0 (nothing to measure, not an error).
 */
export function engagementRate(followers: number, posts: readonly PostInteractions[]): number {
  if (followers <= 0 || posts.length === 0) return 0;
  const interactions = posts.reduce((sum, post) => sum + post.likes + post.comments, 0);
  return Math.round((interactions / posts.length / followers) * 100 * 100) / 100;
}
