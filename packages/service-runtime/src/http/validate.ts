import type { Request } from 'express';
import type { z } from 'zod';
import { HttpProblem, invalidInput } from './problem';
import { malformedText } from '@campaign/contracts';

type Part = 'body' | 'query' | 'path' | 'header';

function parsePart<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  where: Part,
): z.infer<Schema> {
  // Text that cannot be stored is refused by name before the schema, whatever the schema allows.
  const unstorable = malformedText(value, where);
  if (unstorable.length > 0) {
    throw new HttpProblem(
      400,
      'Invalid request',
      `The request ${where} holds text that cannot be stored.`,
      unstorable,
    );
  }
  const result = schema.safeParse(value);
  if (!result.success) throw invalidInput(result.error, where);
  return result.data;
}

/**
 * Parses a request part against its contract; bad input never reaches a handler's logic. A route
 * with a body needs one: an empty request is not an empty edit.
 */
export function parseBody<Schema extends z.ZodType>(schema: Schema, req: Request): z.infer<Schema> {
  if (req.body === undefined) {
    throw new HttpProblem(400, 'Invalid request', 'This request needs a JSON body.', [
      { path: 'body', message: 'Required', code: 'invalid_type' },
    ]);
  }
  return parsePart(schema, req.body, 'body');
}

export const parseParams = <Schema extends z.ZodType>(schema: Schema, req: Request) =>
  parsePart(schema, req.params, 'path');

export const parseQuery = <Schema extends z.ZodType>(schema: Schema, req: Request) =>
  parsePart(schema, req.query, 'query');

/** The headers a schema names (lower-case), and only those: the others are the frame's business. */
export const parseHeaders = <Schema extends z.ZodObject>(schema: Schema, req: Request) =>
  parsePart(
    schema,
    Object.fromEntries(Object.keys(schema.shape).map((name) => [name, req.get(name)])),
    'header',
  );
