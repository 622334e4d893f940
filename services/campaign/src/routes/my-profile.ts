import { InfluencerProfileEdit, MyInfluencerProfile } from '@campaign/contracts';
import { ApiRoutes, HttpProblem, parseBody } from '@campaign/service-runtime';
import type { InfluencerProfileStore } from '../db/influencer-profile-store';

/**
 * An influencer's own profile: what brands search, qualifications check, parcels go to and, for
 * the e-mail address (never shown to a brand), where the platform's mail goes.
 */
export function myProfileRoutes(deps: { profiles: InfluencerProfileStore }) {
  const routes = new ApiRoutes();

  routes.add(
    {
      method: 'get',
      path: '/me/profile',
      summary: 'My influencer profile, shipping and e-mail address included',
      roles: ['influencer'],
      success: { status: 200, description: 'My profile', schema: MyInfluencerProfile },
      refusals: [404],
    },
    async (req, res, influencer) => {
      const profile = await deps.profiles.find(influencer.userId);
      if (!profile) {
        throw new HttpProblem(
          404,
          'No influencer profile',
          'You have no influencer profile yet; create it with PUT /me/profile.',
        );
      }
      res.json(profile);
    },
  );

  routes.add(
    {
      method: 'put',
      path: '/me/profile',
      summary: 'Create or edit my profile (audience figures come from my social account)',
      roles: ['influencer'],
      body: InfluencerProfileEdit,
      success: {
        status: 200,
        description: 'Saved (201 when created)',
        schema: MyInfluencerProfile,
      },
      refusals: [409],
    },
    async (req, res, influencer) => {
      const edit = parseBody(InfluencerProfileEdit, req);
      const saved = await deps.profiles.save(influencer.userId, edit);
      if (saved === 'handle-taken') {
        throw new HttpProblem(
          409,
          'Handle taken',
          `The handle ${edit.handle} belongs to another influencer.`,
        );
      }
      res.json(saved);
    },
  );

  return routes;
}
