export * from './social-network';
export * from './social-network-error';
export * from './instagram';
