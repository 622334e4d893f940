export * from './engines/engines';
export * from './database/migrate';
export * from './database/service-databases';
export * from './paths';
export * from './engines/worker-readiness';
export * from './engines/maildev';
export * from './engines/local-graph-api';
export * from './newsletter-moment';
