import type { Request } from 'express';
import type { z } from 'zod';
import { invalidInput } from './problem';

type Part = 'body' | 'query' | 'path';

function parsePart<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  where: Part,
): z.infer<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidInput(result.error, where);
  return result.data;
}

/** Parses a request part against its contract; bad input never reaches a handler's logic. */
export const parseBody = <Schema extends z.ZodType>(schema: Schema, req: Request) =>
  parsePart(schema, req.body ?? {}, 'body');

export const parseParams = <Schema extends z.ZodType>(schema: Schema, req: Request) =>
  parsePart(schema, req.params, 'path');

export const parseQuery = <Schema extends z.ZodType>(schema: Schema, req: Request) =>
  parsePart(schema, req.query, 'query');
