import { z } from 'zod';
import type { GraphFailure } from './graph-errors';

/**
 * Switches armed through the control API: the next `times` calls (to `path`, for `username`'s
 * account, when given) fail as the real API fails. `media_failed` acts on container creation: the
 * container is accepted, then its processing ends in ERROR.
 */
export const ArmFault = z.strictObject({
  fault: z.enum([
    'rate_limited',
    'token_expired',
    'token_revoked',
    'media_failed',
    'publishing_limit',
    'unavailable',
  ]),
  times: z.number().int().min(1).max(1000).default(1),
  /** Only calls whose path contains this (e.g. `/media_publish`, `/insights`). */
  path: z.string().min(1).max(200).optional(),
  /** Only calls made for this account (its token, its id or its code): tests running at once. */
  username: z.string().min(1).max(100).optional(),
  /** rate_limited: the Graph API code (4 app, 17 user, 32 account, 613 per-API). */
  code: z.union([z.literal(4), z.literal(17), z.literal(32), z.literal(613)]).default(4),
  /** rate_limited: answer HTTP 400 (as the Graph API does) or 429. */
  status: z.union([z.literal(400), z.literal(429)]).default(400),
  retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
  /** media_failed: the 2207xxx subcode and message the container's processing ends with. */
  subcode: z.number().int().min(2207000).max(2207999).default(2207052),
  message: z.string().min(1).max(300).optional(),
});
export type ArmFault = z.infer<typeof ArmFault>;

export type ArmedFault = ArmFault & { id: number; remaining: number };

export class Faults {
  private armed: ArmedFault[] = [];
  private nextId = 1;

  arm(fault: ArmFault): ArmedFault {
    const armed = { ...fault, id: this.nextId++, remaining: fault.times };
    this.armed.push(armed);
    return armed;
  }

  list(): ArmedFault[] {
    return [...this.armed];
  }

  clear(username?: string): void {
    this.armed = username ? this.armed.filter((fault) => fault.username !== username) : [];
  }

  /**
   * The first armed fault of these kinds that matches the call, used up by one: it answers this
   * call and not the next.
   */
  take(
    kinds: readonly ArmFault['fault'][],
    call: { path: string; username: string | undefined },
  ): ArmedFault | undefined {
    const fault = this.armed.find(
      (candidate) =>
        kinds.includes(candidate.fault) &&
        (!candidate.path || call.path.includes(candidate.path)) &&
        (!candidate.username || candidate.username === call.username),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.armed = this.armed.filter((candidate) => candidate !== fault);
    return fault;
  }
}

/** The failure an armed call fault answers with (all but media_failed, which acts on processing). */
export function faultFailure(fault: ArmedFault): GraphFailure {
  const retryAfter: Record<string, string> =
    fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
  switch (fault.fault) {
    case 'rate_limited':
      return {
        status: fault.status,
        code: fault.code,
        message: rateLimitMessages[fault.code],
        headers: {
          ...retryAfter,
          'X-App-Usage': JSON.stringify({ call_count: 100, total_cputime: 12, total_time: 14 }),
        },
      };
    case 'publishing_limit':
      return {
        status: 400,
        code: 9,
        subcode: 2207042,
        message:
          'You have reached the maximum number of posts that can be published within 24 hours.',
        headers: retryAfter,
      };
    case 'token_expired':
      return {
        status: 400,
        code: 190,
        subcode: 463,
        message: 'Error validating access token: Session has expired.',
      };
    case 'token_revoked':
      return {
        status: 400,
        code: 190,
        subcode: 458,
        message: 'Error validating access token: The user has not authorized application.',
      };
    case 'unavailable':
    case 'media_failed':
      return {
        status: 503,
        code: 2,
        message: 'Service temporarily unavailable',
        headers: retryAfter,
      };
  }
}

const rateLimitMessages: Record<ArmFault['code'], string> = {
  4: '(#4) Application request limit reached',
  17: '(#17) User request limit reached',
  32: '(#32) Page request limit reached',
  613: '(#613) Calls to this api have exceeded the rate limit.',
};
