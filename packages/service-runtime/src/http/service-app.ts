import cors from 'cors';
import express, { type Express } from 'express';
import { allowedMethods } from './allowed-methods';
import { OpenEventStreams, useOpenEventStreams } from './event-stream';
import { BODY_LIMIT_BYTES, jsonBody } from './json-body';
import { usePageCursorKey } from './page-cursor';
import { requestDeadline } from './request-deadline';
import { wellFormedQuery } from './well-formed-query';
import { pinoHttp } from 'pino-http';
import { httpMetrics } from '../metrics/http-metrics';
import { requestIdFor } from './request-id';
import { httpTracing } from '../tracing/http-tracing';
import swaggerUi from 'swagger-ui-express';
import { authenticate } from '../identity/authenticate';
import { externalTokenVerifier, type ExternalIssuerSettings } from '../identity/external-issuer';
import type { Logger } from '../logger';
import { openApiDocument, type ApiRoutes } from './api-routes';
import { healthRoutes, type ReadinessCheck } from './health';
import { idempotency, type IdempotencyStore } from './idempotency';
import { notFound, problemHandler } from './problem';

export type ServiceAppOptions = {
  logger: Logger;
  authSecret: string;
  readiness: ReadinessCheck[];
  /** The service's name and purpose, for its OpenAPI document. */
  api: { title: string; description: string };
  /** The service's own routes; every one of them sits behind authentication. */
  routes: ApiRoutes[];
  /** Routes reached from links in mails (`signedLink`): before authentication, form bodies. */
  linkRoutes?: ApiRoutes[];
  /** Routes open to anyone (`public`: sign-up, sign-in): before authentication, JSON bodies. */
  publicRoutes?: ApiRoutes[];
  /** The largest request body read, in bytes; 1 MiB when not given. */
  bodyLimitBytes?: number;
  /** Where replies to requests with an Idempotency-Key are kept; without it the header is ignored. */
  idempotencyStore?: IdempotencyStore;
  /** After this long without an answer a request gets 503 (15 s when not given). */
  requestDeadlineMs?: number;
  /** Browser origins (the web app's) allowed to call the API; none when not given. */
  corsOrigins?: string[];
  /** Live streams (routes declared `eventStream`) one principal may hold open on this replica. */
  eventStreamsPerPrincipal?: number;
  /** An external OpenID Connect provider whose tokens are accepted too (`OIDC_ISSUER`). */
  oidc?: ExternalIssuerSettings;
};

/**
 * The frame every service shares: request logs, probes, the OpenAPI document and its docs page,
 * JSON bodies, authentication, and errors as problem+json. Services only bring their routes.
 */
export function buildServiceApp(options: ServiceAppOptions): Express {
  const linkRoutes = options.linkRoutes ?? [];
  const publicRoutes = options.publicRoutes ?? [];
  const deadlineMs = options.requestDeadlineMs ?? 15_000;
  const linkSpecs = linkRoutes.flatMap((routes) => routes.specs);
  const publicSpecs = publicRoutes.flatMap((routes) => routes.specs);
  const tokenSpecs = options.routes.flatMap((routes) => routes.specs);
  // Which side of authentication a route is on is declared by its spec, and must agree.
  for (const spec of [
    ...linkSpecs.filter((s) => !s.signedLink),
    ...publicSpecs.filter((s) => !s.public),
    ...tokenSpecs.filter((s) => s.signedLink || s.public),
  ]) {
    throw new Error(
      `${spec.method.toUpperCase()} ${spec.path} is given on the wrong side of authentication`,
    );
  }
  const specs = [...tokenSpecs, ...publicSpecs, ...linkSpecs];
  const bodyLimitBytes = options.bodyLimitBytes ?? BODY_LIMIT_BYTES;
  const document = openApiDocument({ ...options.api, version: '1' }, specs, { bodyLimitBytes });
  usePageCursorKey(options.authSecret);
  const app = express();
  app.disable('x-powered-by');
  // The service's open event streams: counted per principal, and ended by `serve` on shutdown.
  useOpenEventStreams(app, new OpenEventStreams(options.eventStreamsPerPrincipal));
  app.use(pinoHttp({ logger: options.logger, genReqId: requestIdFor }));
  // After the request id is given, which the request's span carries.
  app.use(httpTracing());
  app.use(httpMetrics());
  // Before authentication: a browser's preflight carries no token.
  app.use(
    cors({
      origin: options.corsOrigins ?? [],
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Last-Event-ID'],
      exposedHeaders: ['Idempotent-Replayed', 'X-Request-Id'],
      maxAge: 600,
    }),
  );
  app.use(healthRoutes(options.readiness));
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(document));
  // The shape of a request is checked before who sends it: a hostile body is refused (413, 415,
  // 400) without being read past its limit, with or without a token.
  app.use(allowedMethods(specs));
  app.use(wellFormedQuery);
  // No request hangs, however slowly its body comes.
  app.use(requestDeadline(deadlineMs));
  // A link from a mail answers whoever follows it (its handler checks its token) and reads a form.
  for (const routes of linkRoutes) app.use(routes.router);
  app.use(jsonBody(bodyLimitBytes));
  // Open to anyone: signing up and signing in come before there is a token.
  for (const routes of publicRoutes) app.use(routes.router);
  app.use(
    authenticate(
      options.authSecret,
      options.oidc ? externalTokenVerifier(options.oidc) : undefined,
    ),
  );
  if (options.idempotencyStore) app.use(idempotency(options.idempotencyStore));
  for (const routes of options.routes) app.use(routes.router);
  app.use(notFound);
  app.use(problemHandler(options.logger));
  return app;
}
