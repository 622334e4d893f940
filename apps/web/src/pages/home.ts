import type { Role } from '../app/session';

/** Where each role lands after signing in. */
export function homeOf(role: Role): string {
  return {
    brand: '/brand/campaigns',
    influencer: '/influencer/marketplace',
    ops: '/ops/campaigns',
  }[role];
}
