export * from './campaign';
export * from './events/envelope';
export * from './events/campaign-events';
export * from './notification';
export * from './problem';
export * from './workflow/campaign-workflow';
export * from './lifecycle-requests';
export * from './network';
