import express, { type Express, type Router } from 'express';
import { pinoHttp } from 'pino-http';
import { authenticate } from '../identity/authenticate';
import type { Logger } from '../logger';
import { healthRoutes, type ReadinessCheck } from './health';
import { idempotency, type IdempotencyStore } from './idempotency';
import { notFound, problemHandler } from './problem';

export type ServiceAppOptions = {
  logger: Logger;
  authSecret: string;
  readiness: ReadinessCheck[];
  /** The service's own routes; every one of them sits behind authentication. */
  routes: Router[];
  bodyLimit?: string;
  /** Where replies to requests with an Idempotency-Key are kept; without it the header is ignored. */
  idempotencyStore?: IdempotencyStore;
};

/**
 * The frame every service shares: request logs, probes, JSON bodies, authentication, and errors
 * as problem+json. Services only bring their routes.
 */
export function buildServiceApp(options: ServiceAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(pinoHttp({ logger: options.logger }));
  app.use(healthRoutes(options.readiness));
  app.use(express.json({ limit: options.bodyLimit ?? '1mb' }));
  app.use(authenticate(options.authSecret));
  if (options.idempotencyStore) app.use(idempotency(options.idempotencyStore));
  for (const router of options.routes) app.use(router);
  app.use(notFound);
  app.use(problemHandler(options.logger));
  return app;
}
