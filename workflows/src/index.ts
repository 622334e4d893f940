export * from './activities/campaign-activities';
export * from './worker/campaign-worker';
export * from './worker/config';
export * from './worker/workflow-bundle';
