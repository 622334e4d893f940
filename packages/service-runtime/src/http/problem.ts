import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Problem } from '@campaign/contracts';
import { type z } from 'zod';
import type { Logger } from '../logger';
import { RETRY_AFTER_SECONDS, isDependencyUnavailable } from './unavailable';

/** A refusal with a reason the caller can show: rendered as application/problem+json. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: Problem['errors'],
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
  }

  toProblem(): Problem {
    return {
      type: `https://problems.campaign-platform.dev/${slug(this.title)}`,
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function invalidInput(
  error: z.ZodError,
  where: 'body' | 'query' | 'path' | 'header',
): HttpProblem {
  return new HttpProblem(
    400,
    'Invalid request',
    `The request ${where} does not match the schema.`,
    error.issues.map((issue) => ({
      path: [where, ...issue.path.map(String)].join('.'),
      message: issue.message,
      code: issue.code,
    })),
  );
}

/** A dependency (the database, Temporal, a worker) did not answer in time: 503, retry later. */
export function dependencyUnavailable(
  detail = 'A service this request needs did not answer in time; retry shortly.',
): HttpProblem {
  return new HttpProblem(503, 'Service unavailable', detail);
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpProblem(404, 'Not found', `No route for ${req.method} ${req.path}.`));
};

export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    const problem = toHttpProblem(error);
    if (problem.status === 503) logger.warn({ err: error }, 'a dependency did not answer');
    else if (problem.status >= 500) logger.error({ err: error }, 'request failed');
    // The request's deadline may have answered already (503); the late outcome goes to the log.
    if (res.headersSent) return;
    if (problem.status === 503) res.set('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(problem.status).type('application/problem+json').json(problem.toProblem());
  };
}

function toHttpProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (isDependencyUnavailable(error)) return dependencyUnavailable();
  return clientErrorProblem(error) ?? internalError;
}

const internalError = new HttpProblem(500, 'Internal error', 'The request could not be completed.');

type ClientError = { status: number; type?: unknown; code?: unknown; limit?: unknown };

/**
 * What Express itself refuses before a handler runs (the body reader, the router decoding a path)
 * comes as an http-errors object with a 4xx status: each is answered as the problem it is.
 */
function clientErrorProblem(error: unknown): HttpProblem | null {
  if (typeof error !== 'object' || error === null) return null;
  const { status, type, code, limit } = error as Partial<ClientError>;
  if (typeof status !== 'number' || status < 400 || status >= 500) return null;
  if (typeof code === 'string' && code.startsWith('Z_')) {
    return new HttpProblem(
      415,
      'Unsupported media type',
      'The request body is not encoded as its Content-Encoding says.',
    );
  }
  switch (type) {
    case 'entity.too.large':
      return new HttpProblem(
        413,
        'Payload too large',
        `The request body exceeds the limit of ${typeof limit === 'number' ? limit : 'the API'} bytes.`,
      );
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new HttpProblem(
        415,
        'Unsupported media type',
        'The request body must be UTF-8 JSON, uncompressed or gzip, deflate or br encoded.',
      );
    case 'entity.parse.failed':
      return new HttpProblem(400, 'Invalid request', 'The request body is not valid JSON.');
    default:
      return new HttpProblem(
        status,
        status === 400 ? 'Invalid request' : 'Refused',
        status === 400 ? 'The request is malformed (its path, query or body).' : undefined,
      );
  }
}
