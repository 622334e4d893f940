export * from './start-tracing';
export * from './trace-context';
export * from './http-tracing';
