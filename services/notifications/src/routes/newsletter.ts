import {
  NewsletterSubscription,
  OneClickUnsubscribe,
  UnsubscribeLinkQuery,
} from '@campaign/contracts';
import {
  ApiRoutes,
  HttpProblem,
  parseBody,
  parseQuery,
  principalKey,
} from '@campaign/service-runtime';
import type { Request } from 'express';
import type { NewsletterSubscriptions } from '../newsletter/newsletter-subscriptions';
import type { UnsubscribeLinks } from '../newsletter/unsubscribe-links';
import { confirmPage, unsubscribedPage } from '../newsletter/unsubscribe-pages';

type NewsletterDeps = { subscriptions: NewsletterSubscriptions; links: UnsubscribeLinks };

/** An influencer's own subscription to the end-of-day newsletter, keyed by their principal. */
export function newsletterRoutes(deps: NewsletterDeps) {
  const routes = new ApiRoutes();

  routes.add(
    {
      method: 'get',
      path: '/me/newsletter',
      summary: 'Whether I get the end-of-day newsletter',
      roles: ['influencer'],
      success: { status: 200, description: 'My subscription', schema: NewsletterSubscription },
    },
    async (_req, res, influencer) => {
      res.json({ subscribed: await deps.subscriptions.isSubscribed(principalKey(influencer)) });
    },
  );

  routes.add(
    {
      method: 'put',
      path: '/me/newsletter',
      summary: 'Subscribe to or unsubscribe from the end-of-day newsletter',
      roles: ['influencer'],
      body: NewsletterSubscription,
      success: { status: 200, description: 'My subscription now', schema: NewsletterSubscription },
    },
    async (req, res, influencer) => {
      const { subscribed } = parseBody(NewsletterSubscription, req);
      const recipientId = principalKey(influencer);
      if (subscribed) await deps.subscriptions.subscribe(recipientId);
      else await deps.subscriptions.unsubscribe(recipientId, 'api');
      res.json({ subscribed });
    },
  );

  return routes;
}

/**
 * The digest's unsubscribe link (RFC 8058), for whoever holds it, signed in or not: GET shows a
 * page with a button and changes nothing; POST (the button, or a mail client's one-click)
 * unsubscribes the recipient the link was made for.
 */
export function newsletterLinkRoutes(deps: NewsletterDeps) {
  const routes = new ApiRoutes();
  const link = {
    path: '/newsletter/unsubscribe',
    roles: [] as never[],
    signedLink: true as const,
    query: UnsubscribeLinkQuery,
    refusals: [404],
  };

  routes.add(
    {
      ...link,
      method: 'get',
      summary: 'The page of a digest’s unsubscribe link: confirm with one button',
      success: { status: 200, description: 'A page with the button', html: true },
    },
    async (req, res) => {
      await recipientOfLink(req);
      res.type('html').send(confirmPage(req.originalUrl));
    },
  );

  routes.add(
    {
      ...link,
      method: 'post',
      summary: 'One-click unsubscribe from the newsletter (RFC 8058)',
      body: OneClickUnsubscribe,
      success: { status: 200, description: 'Unsubscribed (a page saying so)', html: true },
    },
    async (req, res) => {
      const recipientId = await recipientOfLink(req);
      if (req.body === undefined) {
        throw new HttpProblem(400, 'Invalid request', 'A one-click unsubscribe posts a form.', [
          { path: 'body', message: 'expected List-Unsubscribe=One-Click', code: 'invalid_type' },
        ]);
      }
      parseBody(OneClickUnsubscribe, req);
      await deps.subscriptions.unsubscribe(recipientId, 'link');
      res.type('html').send(unsubscribedPage());
    },
  );

  async function recipientOfLink(req: Request): Promise<string> {
    const { token } = parseQuery(UnsubscribeLinkQuery, req);
    const recipientId = await deps.links.recipientOf(token);
    if (!recipientId) {
      throw new HttpProblem(
        404,
        'Unknown unsubscribe link',
        'This link was not made by us; use the link from the newsletter itself.',
      );
    }
    return recipientId;
  }

  return routes;
}
