import {
  MUST_REACH_KINDS,
  NotificationPreferences,
  NotificationPreferencesEdit,
} from '@campaign/contracts';
import { ApiRoutes, HttpProblem, parseBody, principalKey, ROLES } from '@campaign/service-runtime';
import type { PreferenceStore } from '../db/preference-store';
import { choicesOf, preferencesOf, silencedMustReach } from '../domain/preferences';

const PATH = '/me/notification-preferences';

/**
 * Everyone's own preferences, and only their own: the key is the verified identity's whole
 * principal, so influencer `u1` and user `u1` of a brand never share them.
 */
export function preferenceRoutes(deps: { preferences: PreferenceStore }) {
  const routes = new ApiRoutes();

  routes.add(
    {
      method: 'get',
      path: PATH,
      summary: 'How each kind of notification reaches me: in the app only, or also by e-mail',
      roles: ROLES,
      rolesNote: 'anyone signed in, their own preferences',
      success: { status: 200, description: 'My preferences', schema: NotificationPreferences },
    },
    async (_req, res, caller) => {
      res.json(preferencesOf(await deps.preferences.chosen(principalKey(caller))));
    },
  );

  routes.add(
    {
      method: 'put',
      path: PATH,
      summary:
        'Choose, for the kinds named, whether they reach me in the app only or also by e-mail',
      roles: ROLES,
      rolesNote: 'anyone signed in, their own preferences',
      body: NotificationPreferencesEdit,
      success: {
        status: 200,
        description: 'My preferences after the change (kinds not named keep their choice)',
        schema: NotificationPreferences,
      },
      refusals: [422],
    },
    async (req, res, caller) => {
      const edit = parseBody(NotificationPreferencesEdit, req);
      // The whole edit is refused before anything of it is stored.
      const silenced = silencedMustReach(edit);
      if (silenced.length > 0) {
        throw new HttpProblem(
          422,
          'Must reach you',
          `${silenced.join(', ')} always reach${silenced.length === 1 ? 'es' : ''} you by e-mail too: ` +
            `an agreement waiting for your signature (${MUST_REACH_KINDS.join(', ')}) cannot be set to in_app. Nothing was changed.`,
          silenced.map((kind) => ({
            path: `body.${kind}`,
            message: 'an agreement to sign always reaches you by e-mail too',
            code: 'must_reach',
          })),
        );
      }
      const recipientId = principalKey(caller);
      await deps.preferences.choose(recipientId, choicesOf(edit));
      res.json(preferencesOf(await deps.preferences.chosen(recipientId)));
    },
  );

  return routes;
}
