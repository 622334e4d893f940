import { applicationOutcome } from '../src/domain/application-outcome';

describe('what an influencer learns of their application', () => {
  it('tells nothing of the pre-selection before the collaboration starts', () => {
    expect(applicationOutcome(null, false)).toBe('awaiting_collaboration');
    expect(applicationOutcome(null, true)).toBe('awaiting_collaboration');
  });

  it('tells whether they are in the group once it starts', () => {
    const started = new Date('2026-12-01T09:00:00Z');
    expect(applicationOutcome(started, true)).toBe('in_collaboration');
    expect(applicationOutcome(started, false)).toBe('not_in_collaboration');
  });
});
