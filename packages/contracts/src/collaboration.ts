import { z } from 'zod';

/** Personal data: shown to a brand for its collaborators only, once the collaboration started. */
export const ShippingAddress = z.object({
  street: z.string(),
  postcode: z.string().optional(),
  city: z.string(),
  country: z.string(),
});
export type ShippingAddress = z.infer<typeof ShippingAddress>;

export const Collaborator = z.object({
  influencerId: z.string(),
  handle: z.string(),
  name: z.string(),
  shippingAddress: ShippingAddress.nullable(),
  startedAt: z.iso.datetime(),
});
export type Collaborator = z.infer<typeof Collaborator>;

export const CollaboratorList = z.object({ items: z.array(Collaborator) });
