import {
  SocialAccountView,
  SocialAccountsPage,
  SocialAccountsQuery,
  SocialConnectionCallback,
  SocialConnectionStart,
} from '@campaign/contracts';
import {
  ApiRoutes,
  HttpProblem,
  cursorPosition,
  dependencyUnavailable,
  parseBody,
  parseQuery,
  principalKey,
  type Caller,
} from '@campaign/service-runtime';
import { SocialNetworkError, type SocialNetwork } from '@campaign/social-network';
import type { InfluencerProfileStore } from '../db/influencer-profile-store';
import { socialAccountView, type SocialAccountStore } from '../db/social-account-store';
import type { AudienceRefresh } from '../social/audience-refresh';
import type { ConnectionStates } from '../social/connection-state';

export type SocialAccountDeps = {
  network: SocialNetwork;
  accounts: SocialAccountStore;
  profiles: InfluencerProfileStore;
  states: ConnectionStates;
  refresh: AudienceRefresh;
};

const INFLUENCER = { roles: ['influencer' as const], rolesNote: 'their own account' };

/** A transient failure of the network is the platform's to wait out, not the request's fault. */
function networkUnavailable(cause: unknown) {
  return Object.assign(dependencyUnavailable('Instagram did not answer; try again in a minute.'), {
    cause,
  });
}

/**
 * An influencer's social account: connecting it (OAuth, the state bound to them), seeing it,
 * refreshing its audience now, disconnecting it; and, for ops, the accounts that need their
 * influencer's attention. The token never appears in an answer or a log.
 */
export function socialAccountRoutes(deps: SocialAccountDeps) {
  const { accounts, profiles } = deps;
  const routes = new ApiRoutes();

  async function requireProfile(influencer: Caller<'influencer'>) {
    const profile = await profiles.find(influencer.userId);
    if (!profile) {
      throw new HttpProblem(
        409,
        'No influencer profile',
        'Create your influencer profile with PUT /me/profile before connecting an account.',
      );
    }
    return profile;
  }

  async function view(influencer: Caller<'influencer'>) {
    return socialAccountView(
      await accounts.find(principalKey(influencer)),
      await profiles.find(influencer.userId),
    );
  }

  routes.add(
    {
      method: 'post',
      path: '/me/social-account/connection',
      summary: 'Start connecting my Instagram account: where to grant access',
      ...INFLUENCER,
      success: { status: 200, description: 'The authorize URL', schema: SocialConnectionStart },
      refusals: [409],
    },
    async (req, res, influencer) => {
      await requireProfile(influencer);
      res.json({
        authorizeUrl: deps.network.authorizeUrl(deps.states.issue(principalKey(influencer))),
      });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/me/social-account/connection/callback',
      summary: 'Finish connecting: the code and state the network redirected back with',
      ...INFLUENCER,
      body: SocialConnectionCallback,
      success: { status: 200, description: 'Connected, audience read', schema: SocialAccountView },
      refusals: [422],
    },
    async (req, res, influencer) => {
      const { code, state } = parseBody(SocialConnectionCallback, req);
      const principal = principalKey(influencer);
      const stateRefusal = deps.states.refusal(state, principal);
      // A valid state was issued to this influencer, who had a profile then (profiles stay).
      if (stateRefusal) throw new HttpProblem(422, 'Invalid state', stateRefusal);
      let connected;
      try {
        connected = await deps.network.exchangeCode(code);
      } catch (error) {
        if (error instanceof SocialNetworkError && !error.transient) {
          throw new HttpProblem(
            422,
            'Code refused',
            'Instagram did not accept the code; start connecting again.',
          );
        }
        throw networkUnavailable(error);
      }
      await accounts.connect(principal, influencer.userId, connected);
      try {
        await deps.refresh(principal);
      } catch (error) {
        // Connected; the audience follows with the next refresh (daily, or on demand).
        if (!(error instanceof SocialNetworkError && error.transient)) throw error;
      }
      res.json(await view(influencer));
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/me/social-account',
      summary: 'My social account: its state and the audience it reported (never its token)',
      ...INFLUENCER,
      success: { status: 200, description: 'My account', schema: SocialAccountView },
    },
    async (req, res, influencer) => {
      res.json(await view(influencer));
    },
  );

  routes.add(
    {
      method: 'delete',
      path: '/me/social-account',
      summary: 'Disconnect my social account (its token is deleted; my figures stay)',
      ...INFLUENCER,
      success: { status: 200, description: 'Disconnected', schema: SocialAccountView },
    },
    async (req, res, influencer) => {
      await accounts.disconnect(principalKey(influencer));
      res.json(await view(influencer));
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/me/social-account/refresh',
      summary: 'Read my audience from my account now',
      ...INFLUENCER,
      success: {
        status: 200,
        description: 'The account after the refresh',
        schema: SocialAccountView,
      },
      refusals: [409],
    },
    async (req, res, influencer) => {
      const principal = principalKey(influencer);
      const account = await accounts.find(principal);
      if (account?.status !== 'connected') {
        throw new HttpProblem(
          409,
          'No connected account',
          account
            ? `Your account's access is ${account.status}: connect it again.`
            : 'Connect your Instagram account first.',
        );
      }
      try {
        await deps.refresh(principal);
      } catch (error) {
        if (error instanceof SocialNetworkError && error.transient) throw networkUnavailable(error);
        throw error;
      }
      res.json(await view(influencer));
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/ops/social-accounts',
      summary: 'Social accounts that need their influencer (expired or revoked), latest first',
      roles: ['ops'],
      query: SocialAccountsQuery,
      success: { status: 200, description: 'A page of accounts', schema: SocialAccountsPage },
    },
    async (req, res) => {
      const { status, limit, cursor } = parseQuery(SocialAccountsQuery, req);
      res.json(await accounts.needingAttention(status, cursorPosition(cursor), limit));
    },
  );

  return routes;
}
