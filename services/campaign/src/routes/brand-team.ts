import { PersonInvitation, Team, TeamMember } from '@campaign/contracts';
import { ApiRoutes, HttpProblem, parseBody } from '@campaign/service-runtime';
import type { AccountStore } from '../accounts/account-store';

const BRAND = { roles: ['brand' as const], rolesNote: 'their own brand' };

const member = (account: {
  id: string;
  name: string;
  email: string;
  joinedAt: Date | null;
}): TeamMember => ({
  userId: account.id,
  name: account.name,
  email: account.email,
  joinedAt: account.joinedAt?.toISOString() ?? null,
});

/** A brand's users: its team sees them (addresses included) and invites new ones by e-mail. */
export function brandTeamRoutes(deps: { accounts: AccountStore }) {
  const routes = new ApiRoutes();

  routes.add(
    {
      method: 'get',
      path: '/brand/team',
      summary: "My brand's users, with their addresses and when they joined",
      ...BRAND,
      success: { status: 200, description: 'The team', schema: Team },
    },
    async (req, res, brand) => {
      const team = await deps.accounts.team(brand.brandId);
      res.json({ items: team.map(member) });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/brand/team/invitations',
      summary: 'Invite a teammate: a new user of my brand, mailed a sign-in link',
      ...BRAND,
      body: PersonInvitation,
      success: { status: 201, description: 'The new teammate', schema: TeamMember },
      refusals: [404, 409],
    },
    async (req, res, brand) => {
      const invitation = parseBody(PersonInvitation, req);
      const invited = await deps.accounts.invite(brand.brandId, brand.userId, invitation);
      if (invited === 'no-brand') {
        throw new HttpProblem(404, 'No brand', 'Your brand is not on the platform.');
      }
      if (invited === 'on-the-team') {
        throw new HttpProblem(409, 'Already on your team', 'That address is already on your team.');
      }
      res.status(201).json(member(invited));
    },
  );

  return routes;
}
