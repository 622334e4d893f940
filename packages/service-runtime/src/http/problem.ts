import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Problem } from '@campaign/contracts';
import { type z } from 'zod';
import type { Logger } from '../logger';

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

export function invalidInput(error: z.ZodError, where: 'body' | 'query' | 'path'): HttpProblem {
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

export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpProblem(404, 'Not found', `No route for ${req.method} ${req.path}.`));
};

export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    const problem = toHttpProblem(error);
    if (problem.status >= 500) logger.error({ err: error }, 'request failed');
    res.status(problem.status).type('application/problem+json').json(problem.toProblem());
  };
}

function toHttpProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  // express.json() reports unparsable bodies with a status and type of its own.
  if (isBodyParserError(error)) {
    return new HttpProblem(400, 'Invalid request', 'The request body is not valid JSON.');
  }
  return new HttpProblem(500, 'Internal error', 'The request could not be completed.');
}

function isBodyParserError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'type' in error &&
    (error as { type: unknown }).type === 'entity.parse.failed'
  );
}
