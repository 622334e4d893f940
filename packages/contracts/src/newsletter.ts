import { z } from 'zod';

/** Whether an influencer gets the end-of-day newsletter (everyone does until they unsubscribe). */
export const NewsletterSubscription = z.object({ subscribed: z.boolean() }).strict();
export type NewsletterSubscription = z.infer<typeof NewsletterSubscription>;

/** The query of a digest's unsubscribe link: the signed token the mail carries (a JWS). */
export const UnsubscribeLinkQuery = z.object({
  token: z
    .string()
    .max(2048)
    .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'expected the token from the mail'),
});

/** What a mail client POSTs to a one-click link (RFC 8058); the link's token says who. */
export const OneClickUnsubscribe = z.object({
  'List-Unsubscribe': z.literal('One-Click'),
});
