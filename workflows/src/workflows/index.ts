// The worker bundles this file and everything it imports into the workflow sandbox.
export { campaignWorkflow } from './campaign-workflow';
export { audienceRefreshWorkflow } from './audience-refresh-workflow';
export { insightsRefreshWorkflow } from './insights-refresh-workflow';
export { campaignStory } from './story-workflow';
