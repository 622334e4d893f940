import type { CampaignResults, PostedResult } from '@campaign/contracts';

type Posted = PostedResult & { influencerId: string };
type Totals = CampaignResults['total'];

const zero = (): Totals => ({
  reach: 0,
  impressions: 0,
  likes: 0,
  comments: 0,
  clicks: 0,
  posts: 0,
  postsBySource: { manual: 0, insights: 0 },
});

function add(totals: Totals, post: PostedResult): Totals {
  return {
    reach: totals.reach + post.reach,
    impressions: totals.impressions + post.impressions,
    likes: totals.likes + post.likes,
    comments: totals.comments + post.comments,
    clicks: totals.clicks + post.clicks,
    posts: totals.posts + 1,
    postsBySource: {
      ...totals.postsBySource,
      [post.source]: totals.postsBySource[post.source] + 1,
    },
  };
}

/**
 * Sums the posts per influencer (in the order given) and for the campaign as a whole, whatever
 * their source (typed in or imported), counting how many came from each.
 */
export function resultTotals(influencerIds: string[], posts: Posted[]): CampaignResults {
  const perInfluencer = influencerIds.map((influencerId) => {
    const own = posts.filter((post) => post.influencerId === influencerId);
    return {
      influencerId,
      totals: own.reduce(add, zero()),
      posts: own.map(({ influencerId: _influencer, ...post }) => post),
    };
  });
  return { perInfluencer, total: posts.reduce(add, zero()) };
}
