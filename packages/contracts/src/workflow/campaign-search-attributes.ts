/**
 * The campaign workflow's search attributes: what ops type in the Temporal UI (or `temporal
 * workflow list --query`) to find a campaign by its brand, its title or its phase, e.g.
 * `CampaignBrand = 'brand-sunny' AND CampaignPhase = 'open'`. The dev server is started with them,
 * and a cluster needs them created once (deploy/README.md). Types are Temporal's names.
 */
export const CAMPAIGN_SEARCH_ATTRIBUTES = {
  brand: { name: 'CampaignBrand', type: 'KEYWORD' },
  /** Text: found by any of its words (`CampaignTitle = 'glow'`), not only as a whole. */
  title: { name: 'CampaignTitle', type: 'TEXT' },
  /** `open`, `closed` or `collaborating`; kept current by the workflow as the week goes on. */
  phase: { name: 'CampaignPhase', type: 'KEYWORD' },
} as const;

/** The one-line summary the Temporal UI shows for a campaign's workflow. */
export function campaignWorkflowSummary(campaign: { title: string; brandId: string }): string {
  return `“${campaign.title}” by ${campaign.brandId}`;
}
