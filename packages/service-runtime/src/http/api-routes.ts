import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import { LINK_BODY_LIMIT_BYTES, linkFormBody } from './link-form-body';
import { Problem } from '@campaign/contracts';
import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import { callerOf, type Caller } from '../identity/caller-of';
import { ROLES, type Role } from '../identity/identity';
import { markEventStreamRoute, sseEventSchema } from './event-stream';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * One endpoint, described once: Express serves it, the frame lets only its roles in, and the
 * OpenAPI document lists it.
 */
export type RouteSpec<R extends Role = Role> = {
  method: Method;
  /** Express style: `/campaigns/:campaignId`. */
  path: string;
  summary: string;
  /** The roles that may call it; anyone else is refused with 403 before the handler runs. */
  roles: readonly R[];
  /** Which callers of those roles, in words, for the docs ("the campaign's own brand"). */
  rolesNote?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** Request headers the route reads (lower-case names), validated and documented like the rest. */
  headers?: z.ZodObject;
  body?: z.ZodType;
  /** The success reply (JSON, or an HTML page for a person's browser); refusals are problem+json. */
  success: { status: number; description: string; schema?: z.ZodType; html?: true };
  /** The refusals of its own rules; the 403 for a role it is not for comes from `roles`. */
  refusals?: number[];
  /**
   * The success answer is a long-lived `text/event-stream` (Server-Sent Events) of events named
   * `event` (and `ready`), documented as such, each event's shape in the schema. Only such a route
   * may open a stream (`followStreams`), which lifts the frame's request deadline once the stream
   * is open: the exemption is declared here, never guessed from a path.
   */
  eventStream?: { event: string };
  /**
   * Reached from a link in a mail, by a person who may not be signed in: no bearer token, the
   * signed token in the link's query is the authority and the handler checks it; `roles` is empty.
   * Such routes are given to `buildServiceApp` as `linkRoutes`, mounted before authentication, and
   * take form bodies (RFC 8058's one-click POST) instead of JSON.
   */
  signedLink?: true;
  /**
   * Open to anyone, signed in or not (signing up, asking for a sign-in link, exchanging its code):
   * no bearer token, `roles` is empty and the handler gets no caller. Such routes are given to
   * `buildServiceApp` as `publicRoutes`, mounted before authentication, and take JSON bodies;
   * the document says so with `security: []`. Whatever they must not tell an anonymous caller
   * (whether an address has an account) is the handler's to keep.
   */
  public?: true;
};

const problemStatus: Record<number, string> = {
  400: 'Invalid input (each wrong field named, text that cannot be stored among them)',
  401: 'No valid bearer token',
  403: 'Not for this role',
  404: 'Not found, or not yours',
  409: 'Refused: conflicts with the current state (the rule in words)',
  405: 'This resource does not answer that method (`Allow` lists those it does)',
  413: 'The request body is larger than the limit',
  415: 'The request body is not UTF-8 JSON (Content-Type: application/json)',
  422: 'Refused by a rule about the request (the rule in words)',
  429: 'Too many at once (open streams, or sign-in requests from one client); retry later',
  503: 'A dependency did not answer in time; retry after `Retry-After` seconds',
};

const MUTATIONS: Method[] = ['post', 'put', 'patch', 'delete'];

/** What a route does for a caller its roles let in. */
export type RouteHandler<R extends Role> = (
  req: Request,
  res: Response,
  caller: Caller<R>,
) => void | Promise<void>;

/** A service's routes with their descriptions; `router` serves them, `specs` documents them. */
export class ApiRoutes {
  readonly router = Router();
  readonly specs: RouteSpec[] = [];

  add<R extends Role>(spec: RouteSpec<R>, handler: RouteHandler<R>): this {
    this.specs.push(spec);
    // The role is checked before anything of the handler: a refused caller learns nothing more.
    // A signed link reads a form (a mail client's one-click POST), never JSON.
    const before = spec.signedLink ? linkFormBody() : [];
    this.router[spec.method](spec.path, ...before, (req: Request, res: Response) => {
      // A signed link's handler checks its token, a public route needs none: no bearer, no caller.
      const caller =
        spec.signedLink || spec.public ? (undefined as never) : callerOf(req, spec.roles);
      if (spec.eventStream) markEventStreamRoute(req);
      return handler(req, res, caller);
    });
    return this;
  }
}

/** A route some role may not call can refuse with 403, whatever its own rules. */
function refusesARole(spec: RouteSpec): boolean {
  return !spec.signedLink && !spec.public && ROLES.some((role) => !spec.roles.includes(role));
}

/** "For: brand, ops (the campaign's own brand, ops)." */
function forWhom(spec: RouteSpec): string {
  if (spec.signedLink) return 'For: whoever holds the link from the mail (its signed token).';
  if (spec.public) return 'For: anyone, signed in or not (no bearer token).';
  return `For: ${spec.roles.join(', ')}${spec.rolesNote ? ` (${spec.rolesNote})` : ''}.`;
}

/** The OpenAPI 3.1 document of a service, generated from the same zod schemas that validate. */
export function openApiDocument(
  info: { title: string; version: string; description: string },
  specs: RouteSpec[],
  limits: { bodyLimitBytes: number },
): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  for (const spec of specs) {
    const responses: RouteConfig['responses'] = {
      [spec.success.status]: {
        description: spec.success.description,
        ...(spec.eventStream
          ? {
              content: {
                'text/event-stream': { schema: sseEventSchema(spec.eventStream.event) },
              },
            }
          : spec.success.html
            ? { content: { 'text/html': { schema: { type: 'string' } } } }
            : spec.success.schema
              ? { content: { 'application/json': { schema: spec.success.schema } } }
              : {}),
      },
    };
    // Any request can be malformed (a query string that is not UTF-8, say); any mutation can
    // carry a body that is too large or not JSON.
    const refusals = new Set([...(refusesARole(spec) ? [403] : []), ...(spec.refusals ?? [])]);
    for (const status of [
      400,
      ...(spec.signedLink || spec.public ? [] : [401]),
      ...(MUTATIONS.includes(spec.method) ? [413, 415] : []),
      ...refusals,
      503,
    ]) {
      responses[status] = {
        description:
          status === 413
            ? `The request body is larger than ${spec.signedLink ? LINK_BODY_LIMIT_BYTES : limits.bodyLimitBytes} bytes`
            : status === 415 && spec.signedLink
              ? 'The request body is not a form'
              : (problemStatus[status] ?? 'Refused'),
        ...(status === 503
          ? {
              headers: {
                'Retry-After': {
                  description: 'Seconds to wait before retrying',
                  schema: { type: 'integer' },
                },
              },
            }
          : {}),
        content: { 'application/problem+json': { schema: Problem } },
      };
    }
    registry.registerPath({
      method: spec.method,
      path: openApiPath(spec.path),
      summary: spec.summary,
      description: forWhom(spec),
      security: spec.signedLink || spec.public ? [] : [{ bearer: [] }],
      request: {
        ...(spec.params ? { params: spec.params } : {}),
        ...(spec.query ? { query: spec.query } : {}),
        ...(spec.headers ? { headers: spec.headers } : {}),
        ...(spec.body
          ? {
              body: {
                required: true,
                content: {
                  [spec.signedLink ? 'application/x-www-form-urlencoded' : 'application/json']: {
                    schema: spec.body,
                  },
                },
              },
            }
          : {}),
      },
      responses,
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info,
  });
}

/** `/campaigns/:campaignId` → `/campaigns/{campaignId}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}
