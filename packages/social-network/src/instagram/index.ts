export * from './config';
export * from './engagement';
export * from './graph-error';
export * from './instagram-graph-api';
export * from './permalink';
export * from './redact';
export * from './settings';
