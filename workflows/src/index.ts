/**
 * The campaign workflow and its rules, for the processes that run or consult them: the campaign
 * service's worker runs the workflow; the pure rules also answer for a campaign whose workflow has
 * finished. Workflow code itself never imports this file.
 */
export type { CampaignActivities, RecordedFact } from './workflows/activities';
export * from './domain/campaign-rules';
export * from './domain/campaign-state';

/** What a worker bundles into its workflow sandbox. */
export const campaignWorkflowsPath = require.resolve('./workflows');
