import { MyAccount } from '@campaign/contracts';
import { ApiRoutes, HttpProblem, type Caller } from '@campaign/service-runtime';
import type { AccountStore } from '../accounts/account-store';

/** The signed-in person's account, and for a brand user their brand and its plan. */
export function myAccountRoutes(deps: { accounts: AccountStore }) {
  const routes = new ApiRoutes();
  routes.add(
    {
      method: 'get',
      path: '/me/account',
      summary: 'My account (and my brand with its plan)',
      roles: ['brand', 'influencer', 'ops'],
      rolesNote: 'their own account',
      success: { status: 200, description: 'My account', schema: MyAccount },
      refusals: [404],
    },
    async (req, res, caller: Caller<'brand' | 'influencer' | 'ops'>) => {
      const account = await deps.accounts.find(caller.userId);
      // The whole principal must match: an id of another role or brand is not this person.
      const mine =
        account &&
        account.role === caller.role &&
        account.brandId === (caller.role === 'brand' ? caller.brandId : null);
      if (!mine) {
        throw new HttpProblem(
          404,
          'No account',
          'This session has no account (tokens of the dev scripts have none); sign in with a link.',
        );
      }
      res.json({
        role: account.role,
        userId: account.id,
        name: account.name,
        email: account.email,
        brand: account.brand
          ? { id: account.brand.id, name: account.brand.name, plan: account.brand.plan }
          : null,
      });
    },
  );
  return routes;
}
