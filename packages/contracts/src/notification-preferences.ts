import { z } from 'zod';
import { NotificationKind } from './notification';

/*
 * Notification preferences: each person chooses per kind whether a notification reaches them in
 * the app only or also by e-mail. What they must act on (an agreement to sign) always reaches them
 * by both, whatever they ask.
 */

/**
 * The kinds a person can choose for: every kind but the newsletter, which is not a notification
 * one opts out of here but a subscription with its own API (one-click unsubscribe from the mail).
 */
export const PreferenceKind = NotificationKind.exclude(['newsletter']);
export type PreferenceKind = z.infer<typeof PreferenceKind>;

/** An agreement waiting for a signature: missing its mail can cost the person the collaboration. */
export const MUST_REACH_KINDS: readonly PreferenceKind[] = ['agreement_sent', 'agreement_reminder'];

export const Delivery = z
  .enum(['in_app', 'in_app_and_email'])
  .describe('`in_app`: the inbox only; `in_app_and_email`: the inbox and an e-mail.');
export type Delivery = z.infer<typeof Delivery>;

/** What a kind nobody chose for gets: the inbox and an e-mail, as before preferences existed. */
export const DEFAULT_DELIVERY: Delivery = 'in_app_and_email';

export const KindPreference = z.object({
  kind: PreferenceKind,
  delivery: Delivery,
  /** True for what the person must act on: it always comes by e-mail too, and cannot be changed. */
  mustReach: z.boolean(),
});
export type KindPreference = z.infer<typeof KindPreference>;

/** My preferences: one entry for every kind I can choose for, in the order kinds are listed. */
export const NotificationPreferences = z.object({ items: z.array(KindPreference) });
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

/**
 * A change: the kinds to change and how each should reach me; kinds left out keep their choice.
 * Strict, so a kind this API does not know (or the newsletter) is refused by name.
 */
export const NotificationPreferencesEdit = z
  .object(
    Object.fromEntries(PreferenceKind.options.map((kind) => [kind, Delivery.optional()])) as Record<
      PreferenceKind,
      z.ZodOptional<typeof Delivery>
    >,
  )
  .strict();
export type NotificationPreferencesEdit = z.infer<typeof NotificationPreferencesEdit>;
