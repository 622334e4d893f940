import { z } from 'zod';

/**
 * The default invitation, with the placeholders the brand may keep or write around:
 * {influencer}, {campaign} and {brand}.
 */
export const DEFAULT_INVITATION_TEMPLATE = `Hi {influencer},

We are {brand} and we would love to work with you on our campaign "{campaign}". Have a look at the campaign on the marketplace: if it speaks to you, send us a message here and apply.

Looking forward to hearing from you!`;

export const InvitationRequest = z
  .object({
    influencerId: z.string().min(1).max(100),
    /** The brand's edit of the default template; placeholders are filled in. */
    template: z.string().trim().min(10).max(5000).optional(),
  })
  .strict();

export const InvitationView = z.object({
  campaignId: z.uuid(),
  influencerId: z.string(),
  message: z.string(),
});

export const InvitationTemplateView = z.object({ template: z.string() });
