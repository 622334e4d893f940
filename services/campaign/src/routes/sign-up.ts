import { BrandSignUp, InfluencerSignUp, LinkSent } from '@campaign/contracts';
import { ApiRoutes, HttpProblem, parseBody } from '@campaign/service-runtime';
import type { AccountStore } from '../accounts/account-store';
import type { ClientLimit } from '../accounts/client-limit';

const LINK_SENT = { status: 'link_sent' } as const;

/**
 * Signing up, open to anyone: a brand (on Starter) with its first user, or an influencer. The
 * answer is the same whether or not the address already had an account (the mail says which), so
 * no one learns from it who has an account.
 */
export function signUpRoutes(deps: { accounts: AccountStore; clientLimit: ClientLimit }) {
  const routes = new ApiRoutes();

  routes.add(
    {
      method: 'post',
      path: '/accounts/brands',
      summary: 'Sign up a brand (on Starter) and its first user; a sign-in link is mailed',
      roles: [],
      public: true,
      body: BrandSignUp,
      success: {
        status: 202,
        description:
          'A mail is on its way: a sign-in link, or, for an address that already has a brand account, a mail saying so with its links',
        schema: LinkSent,
      },
      refusals: [429],
    },
    async (req, res) => {
      const signUp = parseBody(BrandSignUp, req);
      deps.clientLimit.check(req);
      await deps.accounts.signUpBrand(signUp);
      res.status(202).json(LINK_SENT);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/accounts/influencers',
      summary: 'Sign up an influencer (account and profile); a sign-in link is mailed',
      roles: [],
      public: true,
      body: InfluencerSignUp,
      success: {
        status: 202,
        description:
          'A mail is on its way: a sign-in link, or, for an address that already has an influencer account, a mail saying so with its links',
        schema: LinkSent,
      },
      refusals: [409, 429],
    },
    async (req, res) => {
      const signUp = parseBody(InfluencerSignUp, req);
      deps.clientLimit.check(req);
      if ((await deps.accounts.signUpInfluencer(signUp)) === 'handle-taken') {
        throw new HttpProblem(
          409,
          'That handle is taken',
          `That handle is taken: ${signUp.handle} belongs to another influencer.`,
        );
      }
      res.status(202).json(LINK_SENT);
    },
  );

  return routes;
}
