export * from './test-environment';
export * from './eventually';
export * from './local-graph-control';
