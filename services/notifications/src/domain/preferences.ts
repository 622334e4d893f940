import {
  DEFAULT_DELIVERY,
  MUST_REACH_KINDS,
  PreferenceKind,
  type Delivery,
  type NotificationPreferences,
  type NotificationPreferencesEdit,
} from '@campaign/contracts';

/** One stored choice: whether a kind also reaches the person by e-mail. */
export type PreferenceChoice = { kind: PreferenceKind; email: boolean };

export const isMustReach = (kind: string): boolean =>
  (MUST_REACH_KINDS as readonly string[]).includes(kind);

/**
 * A person's whole document from what they chose: a kind they never chose for has the default,
 * and a must-reach kind is by e-mail too whatever a row might say.
 */
export function preferencesOf(chosen: PreferenceChoice[]): NotificationPreferences {
  const email = new Map(chosen.map((choice) => [choice.kind, choice.email]));
  return {
    items: PreferenceKind.options.map((kind) => {
      const mustReach = isMustReach(kind);
      const stored = email.get(kind);
      const delivery: Delivery =
        mustReach || stored === undefined
          ? DEFAULT_DELIVERY
          : stored
            ? 'in_app_and_email'
            : 'in_app';
      return { kind, delivery, mustReach };
    }),
  };
}

/** The must-reach kinds an edit asks to keep out of the person's mail: each one refuses it. */
export function silencedMustReach(edit: NotificationPreferencesEdit): PreferenceKind[] {
  return PreferenceKind.options.filter((kind) => isMustReach(kind) && edit[kind] === 'in_app');
}

/**
 * What an allowed edit stores: a choice per kind it names. Must-reach kinds are not a choice
 * (their only value is the default), so nothing is stored for them.
 */
export function choicesOf(edit: NotificationPreferencesEdit): PreferenceChoice[] {
  return PreferenceKind.options.flatMap((kind) => {
    const delivery = edit[kind];
    if (delivery === undefined || isMustReach(kind)) return [];
    return [{ kind, email: delivery === 'in_app_and_email' }];
  });
}
