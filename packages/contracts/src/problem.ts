import { z } from 'zod';

/** RFC 9457 problem details, with the field-level list the frontends render next to inputs. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string(), code: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;
