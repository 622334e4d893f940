import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
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
  /** The success reply; refusals are always problem+json. */
  success: { status: number; description: string; schema?: z.ZodType };
  /** The refusals of its own rules; the 403 for a role it is not for comes from `roles`. */
  refusals?: number[];
  /**
   * The success answer is a long-lived `text/event-stream` (Server-Sent Events) of events named
   * `event` (and `ready`), documented as such, each event's shape in the schema. Only such a route
   * may open a stream (`followStreams`), which lifts the frame's request deadline once the stream
   * is open: the exemption is declared here, never guessed from a path.
   */
  eventStream?: { event: string };
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
  429: 'Too many at once (open streams); retry after closing one',
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
    this.router[spec.method](spec.path, (req, res) => {
      const caller = callerOf(req, spec.roles);
      if (spec.eventStream) markEventStreamRoute(req);
      return handler(req, res, caller);
    });
    return this;
  }
}

/** A route some role may not call can refuse with 403, whatever its own rules. */
function refusesARole(spec: RouteSpec): boolean {
  return ROLES.some((role) => !spec.roles.includes(role));
}

/** "For: brand, ops (the campaign's own brand, ops)." */
function forWhom(spec: RouteSpec): string {
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
      401,
      ...(MUTATIONS.includes(spec.method) ? [413, 415] : []),
      ...refusals,
      503,
    ]) {
      responses[status] = {
        description:
          status === 413
            ? `The request body is larger than ${limits.bodyLimitBytes} bytes`
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
      security: [{ bearer: [] }],
      request: {
        ...(spec.params ? { params: spec.params } : {}),
        ...(spec.query ? { query: spec.query } : {}),
        ...(spec.headers ? { headers: spec.headers } : {}),
        ...(spec.body
          ? { body: { required: true, content: { 'application/json': { schema: spec.body } } } }
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
