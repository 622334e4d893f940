import { CONNECTION_STATE_SECONDS, createConnectionStates } from '../src/social/connection-state';

describe('the state of a social account connection', () => {
  const secret = 'a'.repeat(40);
  const me = 'influencer/jane';

  it('holds for the principal it was issued to, within its time', () => {
    const states = createConnectionStates(secret);
    expect(states.refusal(states.issue(me), me)).toBeNull();
  });

  it('refuses another principal, a forged or edited state, and a late one', () => {
    let now = Date.parse('2026-11-30T10:00:00Z');
    const states = createConnectionStates(secret, () => now);
    const state = states.issue(me);
    expect(states.refusal(state, 'influencer/mallory')).toMatch(/issued to someone else/);
    expect(createConnectionStates('b'.repeat(40)).refusal(state, me)).toMatch(/not one this API/);
    expect(states.refusal(`x${state}`, me)).toMatch(/not one this API/);
    expect(states.refusal('nonsense', me)).toMatch(/not one this API/);
    now += (CONNECTION_STATE_SECONDS + 1) * 1000;
    expect(states.refusal(state, me)).toMatch(/took too long/);
  });
});
