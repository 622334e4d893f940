import { canView, publishRefusal } from '../src/domain/campaign-access';

const brandA = { role: 'brand', userId: 'u1', brandId: 'A' } as const;
const brandB = { role: 'brand', userId: 'u2', brandId: 'B' } as const;
const influencer = { role: 'influencer', userId: 'i1' } as const;
const ops = { role: 'ops', userId: 'o1' } as const;

describe('campaign access', () => {
  const draft = { brandId: 'A', status: 'draft' } as const;
  const live = { brandId: 'A', status: 'published' } as const;

  it('shows a draft only to its own brand and ops', () => {
    expect(canView(brandA, draft)).toBe(true);
    expect(canView(ops, draft)).toBe(true);
    expect(canView(brandB, draft)).toBe(false);
    expect(canView(influencer, draft)).toBe(false);
  });

  it('shows a published campaign to influencers, never to another brand', () => {
    expect(canView(influencer, live)).toBe(true);
    expect(canView(brandB, live)).toBe(false);
  });

  it('publishes a campaign once', () => {
    expect(publishRefusal(draft)).toBeNull();
    expect(publishRefusal(live)).toMatch(/already published/);
    expect(publishRefusal({ brandId: 'A', status: 'closed' })).toMatch(/already published/);
  });
});
