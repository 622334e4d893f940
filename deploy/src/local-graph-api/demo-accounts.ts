import type { GraphState } from './graph-state';

/**
 * The dev stack's accounts: two influencers to connect (one above, one below a typical follower
 * minimum) and the platform's own account that posts the campaign stories.
 */
export function seedDemoAccounts(state: GraphState): void {
  const demo: { username: string; followers: number; posts: [number, number, number, number][] }[] =
    [
      {
        username: 'demo_influencer',
        followers: 12_400,
        posts: [
          [620, 41, 5200, 7100],
          [540, 37, 4800, 6300],
          [710, 52, 6100, 8000],
        ],
      },
      { username: 'demo_newcomer', followers: 850, posts: [[60, 4, 500, 700]] },
      { username: 'campaign_platform', followers: 3_000, posts: [] },
    ];
  for (const { username, followers, posts } of demo) {
    const userId = state.newUserId();
    state.accounts.set(userId, {
      userId,
      username,
      followers,
      stories: [],
      posts: posts.map(([likes, comments, reach, views], index) => {
        const mediaId = state.newMediaId();
        return {
          mediaId,
          permalink: `https://www.instagram.com/p/${username.toUpperCase().replace(/[^A-Z]/g, '')}${index + 1}/`,
          timestamp: new Date(Date.UTC(2025, 0, 10 - index)).toISOString(),
          likes,
          comments,
          reach,
          views,
        };
      }),
    });
  }
}
