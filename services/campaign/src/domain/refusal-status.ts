import type { Refusal } from '@campaign/contracts';

/**
 * A refusal about where the campaign is in its week is a conflict with its current state (409);
 * one about the request itself (who it names, what they qualify for) cannot be processed (422).
 */
const conflicts = new Set<Refusal['code']>([
  'campaign_closed',
  'campaign_stopped',
  'campaign_open',
  'collaboration_started',
  'already_applied',
  'agreement_exists',
]);

export function refusalStatus(refusal: Refusal): 409 | 422 {
  return conflicts.has(refusal.code) ? 409 : 422;
}
