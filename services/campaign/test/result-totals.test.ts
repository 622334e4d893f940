import { resultTotals } from '../src/domain/result-totals';

const post = (
  influencerId: string,
  reach: number,
  id: string,
  source: 'manual' | 'insights' = 'manual',
) => ({
  id,
  influencerId,
  createdAt: '2026-12-02T10:00:00.000Z',
  postUrl: `https://instagram.example/p/${id}`,
  reach,
  impressions: reach * 2,
  likes: 10,
  comments: 1,
  clicks: 3,
  screenshotUrls: [],
  source,
  mediaId: source === 'insights' ? `media-${id}` : null,
  refreshedAt: source === 'insights' ? '2026-12-02T11:00:00.000Z' : null,
});

describe('resultTotals', () => {
  it('sums per collaborator and for the campaign, listing collaborators without posts too', () => {
    const results = resultTotals(
      ['ann', 'bob'],
      [post('ann', 100, 'a1'), post('ann', 50, 'a2', 'insights')],
    );
    expect(results.total).toEqual({
      reach: 150,
      impressions: 300,
      likes: 20,
      comments: 2,
      clicks: 6,
      posts: 2,
      postsBySource: { manual: 1, insights: 1 },
    });
    expect(results.perInfluencer[0]!.posts.map((row) => row.source)).toEqual([
      'manual',
      'insights',
    ]);
    expect(
      results.perInfluencer.map((row) => [row.influencerId, row.totals.reach, row.posts.length]),
    ).toEqual([
      ['ann', 150, 2],
      ['bob', 0, 0],
    ]);
  });
});
