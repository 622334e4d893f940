import type { AgreementStatus, ApplicantStatus, CampaignBoard } from '@campaign/contracts';
import { iso, type CampaignState } from './campaign-state';

export function toBoard(state: CampaignState): CampaignBoard {
  const applicants: Record<ApplicantStatus, string[]> = { pending: [], selected: [], declined: [] };
  for (const [id, status] of Object.entries(state.applicants)) applicants[status].push(id);
  const agreements: Record<AgreementStatus, string[]> = {
    pending: [],
    accepted: [],
    declined: [],
    expired: [],
    lapsed: [],
  };
  for (const [id, agreement] of Object.entries(state.agreements)) {
    agreements[agreement.status].push(id);
  }
  return {
    campaignId: state.settings.campaignId,
    phase: state.phase,
    publishedAt: iso(state.publishedAt),
    closesAt: iso(state.closesAt),
    closedAt: state.closedAt === null ? null : iso(state.closedAt),
    collaborationStartedAt:
      state.collaborationStartedAt === null ? null : iso(state.collaborationStartedAt),
    applicants,
    agreements,
    invited: Object.keys(state.invited),
    group: state.group,
    recentRefusals: state.recentRefusals.map(({ action, at, refusal }) => ({
      action,
      at: iso(at),
      refusal,
    })),
  };
}
