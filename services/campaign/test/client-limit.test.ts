import type { Request } from 'express';
import { createClientLimit } from '../src/accounts/client-limit';

const from = (ip: string) => ({ ip, socket: {} }) as unknown as Request;

describe('the per-client limit of sign-up and sign-in requests', () => {
  it('refuses a client over its limit for the rest of the minute, others not', () => {
    let now = 0;
    const limit = createClientLimit(3, () => now);
    for (let i = 0; i < 3; i++) limit.check(from('10.0.0.1'));
    expect(() => limit.check(from('10.0.0.1'))).toThrow(/try again in 60 s/);
    limit.check(from('10.0.0.2'));
    now = 59_000;
    expect(() => limit.check(from('10.0.0.1'))).toThrow(/try again in 1 s/);
    now = 60_000;
    limit.check(from('10.0.0.1'));
  });
});
