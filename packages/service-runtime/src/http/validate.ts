import type { Request } from 'express';
import type { z } from 'zod';
import { invalidInput } from './problem';

/** Parses a request part against its contract; bad input never reaches a handler's logic. */
export function parseBody<Schema extends z.ZodType>(schema: Schema, req: Request): z.infer<Schema> {
  const result = schema.safeParse(req.body ?? {});
  if (!result.success) throw invalidInput(result.error, 'body');
  return result.data;
}

export function parseParams<Schema extends z.ZodType>(
  schema: Schema,
  req: Request,
): z.infer<Schema> {
  const result = schema.safeParse(req.params);
  if (!result.success) throw invalidInput(result.error, 'path');
  return result.data;
}

export function parseQuery<Schema extends z.ZodType>(
  schema: Schema,
  req: Request,
): z.infer<Schema> {
  const result = schema.safeParse(req.query);
  if (!result.success) throw invalidInput(result.error, 'query');
  return result.data;
}
