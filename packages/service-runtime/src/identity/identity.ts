import { z } from 'zod';

/** Who is calling. A brand user acts for exactly one brand; ops act across all tenants. */
export const Identity = z.discriminatedUnion('role', [
  z.object({ role: z.literal('brand'), userId: z.string().min(1), brandId: z.string().min(1) }),
  z.object({ role: z.literal('influencer'), userId: z.string().min(1) }),
  z.object({ role: z.literal('ops'), userId: z.string().min(1) }),
]);
export type Identity = z.infer<typeof Identity>;
export type Role = Identity['role'];

/** Every role there is, read from the identity itself so that a new role needs no second list. */
export const ROLES: readonly Role[] = Identity.options.map((option) => option.shape.role.value);
