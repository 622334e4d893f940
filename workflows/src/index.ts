/**
 * The campaign workflow and its rules, for the processes that run or consult them: the campaign
 * service's worker runs the workflow; the pure rules also answer for a campaign whose workflow has
 * finished. Workflow code itself never imports this file.
 */
import path from 'node:path';

export {
  rosterParts,
  type CampaignActivities,
  type RecordedFact,
  type RosterCursor,
  type RosterPage,
  type RosterPart,
} from './workflows/activities';
export type {
  AccountRefreshResult,
  AudienceActivities,
  AudienceRefreshInput,
  AudienceRefreshTotals,
} from './workflows/audience-activities';
export type {
  InsightsActivities,
  InsightsRefreshInput,
  InsightsRefreshTotals,
  ResultRefreshResult,
} from './workflows/insights-activities';
export type {
  StoryActivities,
  StoryContainerStatus,
  StoryFailureDetails,
  StoryRecord,
  Tried,
} from './workflows/story-activities';
export * from './domain/campaign-rules';
export * from './domain/campaign-state';

/**
 * What a worker bundles into its workflow sandbox: the folder, which Temporal's bundler resolves
 * itself. (Not `require.resolve`: in the compiled worker that call would throw at start, though the
 * compiled worker loads the workflow bundle made at build time instead.)
 */
export const campaignWorkflowsPath = path.join(__dirname, 'workflows');

/**
 * The workflow interceptor modules every worker of the campaign workflows bundles (tracing), and
 * the replay test replays with: a path like `campaignWorkflowsPath`, resolved by the bundler.
 */
export const campaignWorkflowInterceptorModules = [
  path.join(__dirname, 'tracing', 'workflow-interceptors'),
];
