// The campaign service's second process: the Temporal worker that runs campaign workflows and
// records their facts in the service's own store. `main.ts` starts it; tests wire it from here.
export * from './campaign-activities';
export * from './campaign-worker';
export * from './config';
export * from './workflow-bundle';
export * from './recording';
export * from './audience-wiring';
export * from './audience-refresh-schedule';
export * from './story-activities';
export * from './insights-wiring';
export * from './insights-refresh-schedule';
