import { audienceRefusal } from '../src/domain/audience-refusal';

describe('applying to a campaign with a follower minimum', () => {
  it('asks an influencer without a connected account to connect it, naming the minimum', () => {
    expect(audienceRefusal(5000, 'disconnected', false)).toBe(
      'Connect your Instagram account: this campaign asks for at least 5000 followers.',
    );
    expect(audienceRefusal(5000, 'expired', false)).toMatch(/again \(its access expired\)/);
    expect(audienceRefusal(5000, 'revoked', false)).toMatch(/again \(its access was revoked\)/);
  });

  it('lets a connected account, imported figures, or a campaign without a minimum through', () => {
    expect(audienceRefusal(5000, 'connected', false)).toBeNull();
    expect(audienceRefusal(5000, 'disconnected', true)).toBeNull();
    expect(audienceRefusal(undefined, 'disconnected', false)).toBeNull();
  });
});
