import { networkRefusal } from '../src/domain/plans';

describe('networkRefusal', () => {
  it('admits Professional and Enterprise brands', () => {
    expect(networkRefusal('professional')).toBeNull();
    expect(networkRefusal('enterprise')).toBeNull();
  });

  it('refuses Starter (and a brand without a plan) with the reason', () => {
    expect(networkRefusal('starter')).toBe(
      'Searching the Network and inviting influencers need a Professional or Enterprise plan; your brand is on Starter.',
    );
    expect(networkRefusal(null)).toContain('your brand is on no plan');
  });
});
