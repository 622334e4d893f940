import { NotificationKind, NotificationPreferencesEdit, PreferenceKind } from '@campaign/contracts';
import {
  choicesOf,
  isMustReach,
  preferencesOf,
  silencedMustReach,
} from '../src/domain/preferences';

describe('notification preferences: the rule', () => {
  it('offers a choice for every kind but the newsletter, which has its own subscription', () => {
    expect(PreferenceKind.options).toEqual(
      NotificationKind.options.filter((kind) => kind !== 'newsletter'),
    );
    expect(NotificationPreferencesEdit.safeParse({ newsletter: 'in_app' }).success).toBe(false);
  });

  it('makes exactly the agreement to sign (sent, reminder) must-reach', () => {
    expect(PreferenceKind.options.filter(isMustReach)).toEqual([
      'agreement_sent',
      'agreement_reminder',
    ]);
    expect(isMustReach('agreement_expired')).toBe(false);
  });

  it('gives everyone the inbox and an e-mail for every kind until they choose', () => {
    const { items } = preferencesOf([]);
    expect(items.map((item) => item.kind)).toEqual(PreferenceKind.options);
    expect(items.every((item) => item.delivery === 'in_app_and_email')).toBe(true);
    expect(items.filter((item) => item.mustReach).map((item) => item.kind)).toEqual([
      'agreement_sent',
      'agreement_reminder',
    ]);
  });

  it('shows what a person chose, and a must-reach kind by e-mail whatever a row says', () => {
    const { items } = preferencesOf([
      { kind: 'bummer', email: false },
      { kind: 'invitation', email: true },
      { kind: 'agreement_sent', email: false },
    ]);
    const delivery = Object.fromEntries(items.map((item) => [item.kind, item.delivery]));
    expect(delivery).toMatchObject({
      bummer: 'in_app',
      invitation: 'in_app_and_email',
      agreement_sent: 'in_app_and_email',
      congratulations: 'in_app_and_email',
    });
  });

  it('refuses an edit that keeps a must-reach kind out of the mail, naming each such kind', () => {
    expect(
      silencedMustReach({
        bummer: 'in_app',
        agreement_sent: 'in_app',
        agreement_reminder: 'in_app',
      }),
    ).toEqual(['agreement_sent', 'agreement_reminder']);
    expect(silencedMustReach({ agreement_sent: 'in_app_and_email', bummer: 'in_app' })).toEqual([]);
  });

  it('stores a choice for each kind an edit names, none for must-reach kinds', () => {
    expect(
      choicesOf({
        bummer: 'in_app',
        new_message: 'in_app_and_email',
        agreement_reminder: 'in_app_and_email',
      }),
    ).toEqual([
      { kind: 'bummer', email: false },
      { kind: 'new_message', email: true },
    ]);
    expect(choicesOf({})).toEqual([]);
  });

  it('accepts only the known kinds and the two deliveries in an edit', () => {
    expect(NotificationPreferencesEdit.safeParse({ bummer: 'in_app' }).success).toBe(true);
    expect(NotificationPreferencesEdit.safeParse({}).success).toBe(true);
    const unknown = NotificationPreferencesEdit.safeParse({ birthday: 'in_app' });
    expect(unknown.error?.issues[0]?.message).toContain('birthday');
    expect(NotificationPreferencesEdit.safeParse({ bummer: 'email_only' }).success).toBe(false);
    expect(NotificationPreferencesEdit.safeParse({ bummer: null }).success).toBe(false);
  });
});
