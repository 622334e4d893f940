import type { CampaignResults, ResultUpload } from '@campaign/contracts';

type Posted = ResultUpload & { id: string; createdAt: string; influencerId: string };
type Totals = CampaignResults['total'];

const zero = (): Totals => ({
  reach: 0,
  impressions: 0,
  likes: 0,
  comments: 0,
  clicks: 0,
  posts: 0,
});

function add(totals: Totals, post: ResultUpload): Totals {
  return {
    reach: totals.reach + post.reach,
    impressions: totals.impressions + post.impressions,
    likes: totals.likes + post.likes,
    comments: totals.comments + post.comments,
    clicks: totals.clicks + post.clicks,
    posts: totals.posts + 1,
  };
}

/** Sums the posts per influencer (in the order given) and for the campaign as a whole. */
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
