import type { Identity } from './identity';

/**
 * One identity, one key: anything kept per person (an inbox, an idempotent reply) is keyed by the
 * whole principal, never by a bare user id, since ids are only unique within a role and a brand:
 * influencer `u1`, user `u1` of brand A and user `u1` of brand B are three people. Each part is
 * percent-encoded, so no id can forge a separator.
 */
export function principalKey(identity: Identity): string {
  switch (identity.role) {
    case 'brand':
      return brandUserKey(identity.brandId, identity.userId);
    case 'influencer':
      return influencerKey(identity.userId);
    case 'ops':
      return `ops/${encodeURIComponent(identity.userId)}`;
  }
}

export function influencerKey(influencerId: string): string {
  return `influencer/${encodeURIComponent(influencerId)}`;
}

export function brandUserKey(brandId: string, userId: string): string {
  return `brand/${encodeURIComponent(brandId)}/user/${encodeURIComponent(userId)}`;
}

/** What is addressed to a brand as a whole (its team inbox), read by every user of the brand. */
export function brandTeamKey(brandId: string): string {
  return `brand/${encodeURIComponent(brandId)}/team`;
}
