import { LinkSent, SignInCode, SignInLinkRequest, SignInSession } from '@campaign/contracts';
import { ApiRoutes, HttpProblem, issueToken, parseBody } from '@campaign/service-runtime';
import { identityOf } from '../accounts/account-identity';
import type { AccountStore } from '../accounts/account-store';
import type { ClientLimit } from '../accounts/client-limit';

/** How long a session's token lives. */
const SESSION_SECONDS = 12 * 60 * 60;

/**
 * Signing in with a one-time link: ask for the link (one mail listing every account of the
 * address), then exchange the code from it for a session token.
 */
export function signInRoutes(deps: {
  accounts: AccountStore;
  clientLimit: ClientLimit;
  authSecret: string;
}) {
  const routes = new ApiRoutes();

  routes.add(
    {
      method: 'post',
      path: '/sign-in/links',
      summary: 'Mail a sign-in link for every account of an address',
      roles: [],
      public: true,
      body: SignInLinkRequest,
      success: {
        status: 202,
        description:
          'Always the same answer: a mail with a link per account goes out if the address has any (at most five mails per address in 15 minutes)',
        schema: LinkSent,
      },
      refusals: [429],
    },
    async (req, res) => {
      const { email } = parseBody(SignInLinkRequest, req);
      deps.clientLimit.check(req);
      // Unknown, limited or sent: one answer, so the address's accounts stay its own business.
      await deps.accounts.requestSignIn(email);
      res.status(202).json({ status: 'link_sent' });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/sign-in/sessions',
      summary: 'Exchange the code of a sign-in link for a session (once, within 15 minutes)',
      roles: [],
      public: true,
      body: SignInCode,
      success: { status: 200, description: 'The session: a bearer token', schema: SignInSession },
      refusals: [429],
    },
    async (req, res) => {
      const { code } = parseBody(SignInCode, req);
      deps.clientLimit.check(req);
      const account = await deps.accounts.exchange(code);
      if (!account) {
        // Unknown, used or expired: one answer for all three.
        throw new HttpProblem(
          400,
          'This sign-in link is no longer valid',
          'This sign-in link is no longer valid; ask for a new one.',
        );
      }
      const identity = identityOf(account);
      const expiresAt = new Date(Date.now() + SESSION_SECONDS * 1000);
      res.json({
        token: await issueToken(identity, deps.authSecret, SESSION_SECONDS),
        expiresAt: expiresAt.toISOString(),
        identity,
      });
    },
  );

  return routes;
}
