import type { MyApplication } from '@campaign/contracts';

/**
 * What an influencer may know of their application. The brand's pre-selection is not told, so
 * until the collaboration starts every application is simply awaiting it; then the influencer is
 * in the group or not.
 */
export function applicationOutcome(
  collaborationStartedAt: Date | null,
  inGroup: boolean,
): MyApplication['outcome'] {
  if (!collaborationStartedAt) return 'awaiting_collaboration';
  return inGroup ? 'in_collaboration' : 'not_in_collaboration';
}
