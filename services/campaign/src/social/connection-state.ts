import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

const USE = 'social-account-connection';
/** Long enough to grant access on the network's page, short enough that a leaked one soon dies. */
export const CONNECTION_STATE_SECONDS = 10 * 60;

export type ConnectionStates = ReturnType<typeof createConnectionStates>;

/**
 * The OAuth `state` of a connection: the principal who asked and until when it holds, signed with
 * a key derived from the service's auth secret for this use alone, so the code that comes back
 * is connected to the influencer who started, never to another (a forged or swapped redirect).
 */
export function createConnectionStates(authSecret: string, now: () => number = Date.now) {
  const key = Buffer.from(hkdfSync('sha256', authSecret, 'campaign-platform', USE, 32));
  const mac = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

  return {
    issue(principal: string): string {
      const expires = Math.floor(now() / 1000) + CONNECTION_STATE_SECONDS;
      const payload = Buffer.from(JSON.stringify({ p: principal, e: expires })).toString(
        'base64url',
      );
      return `${payload}.${mac(payload)}`;
    },

    /** Why a state does not hold for this principal, or null when it does. */
    refusal(state: string, principal: string): string | null {
      const [payload, signature, ...rest] = state.split('.');
      if (!payload || !signature || rest.length > 0) return 'The state is not one this API issued.';
      const expected = Buffer.from(mac(payload));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return 'The state is not one this API issued.';
      }
      let claims: { p?: unknown; e?: unknown };
      try {
        claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as typeof claims;
      } catch {
        return 'The state is not one this API issued.';
      }
      if (claims.p !== principal) return 'The state was issued to someone else.';
      if (typeof claims.e !== 'number' || claims.e * 1000 < now()) {
        return 'The connection took too long; start it again.';
      }
      return null;
    },
  };
}
