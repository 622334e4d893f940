import { useState } from 'react';
import { notificationsApi } from '../../api/clients';
import { problemText } from '../../api/problem';
import { Notice } from '../../ui/Field';
import { Layout } from '../../ui/Layout';
import { useLoad } from '../../ui/use-load';

const kindText: Record<string, string> = {
  campaign_published: 'A campaign is announced',
  invitation: 'A brand invites me',
  selection_reminder: 'Selection reminder',
  agreement_sent: 'An agreement to sign',
  agreement_reminder: 'An agreement is about to expire',
  agreement_expired: 'An agreement expired',
  congratulations: "I'm in a collaboration",
  bummer: 'Not chosen this time',
  new_message: 'A new message',
  support_message: 'Customer success answers',
};

type Delivery = 'in_app' | 'in_app_and_email';

/**
 * How each kind of notification reaches me: in the app only, or also by e-mail. What I must act
 * on cannot be turned down: the service's refusal says so. And the end-of-day newsletter.
 */
export function Settings() {
  const prefs = useLoad(() => notificationsApi.GET('/me/notification-preferences', {}), []);
  const newsletter = useLoad(() => notificationsApi.GET('/me/newsletter', {}), []);
  const [error, setError] = useState<string>();
  const [success, setSuccess] = useState<string>();
  const choose = async (kind: string, delivery: Delivery) => {
    const { data, error: refusal } = await notificationsApi.PUT('/me/notification-preferences', {
      body: { [kind]: delivery },
    });
    if (!data) {
      setSuccess(undefined);
      setError(problemText(refusal));
      return prefs.reload();
    }
    setError(undefined);
    setSuccess(
      `${kindText[kind] ?? kind}: ${delivery === 'in_app' ? 'in the app only' : 'in the app and by e-mail'}.`,
    );
    await prefs.reload();
  };
  return (
    <Layout title="Notifications">
      {prefs.error && <p role="alert">{prefs.error}</p>}
      <ul className="cards" aria-label="Notification kinds">
        {prefs.data?.items.map((pref) => (
          <li key={pref.kind} className="card">
            <fieldset>
              <legend>{kindText[pref.kind] ?? pref.kind}</legend>
              {(['in_app', 'in_app_and_email'] as const).map((delivery) => (
                <div className="field checkbox" key={delivery}>
                  <input
                    type="radio"
                    id={`${pref.kind}-${delivery}`}
                    name={pref.kind}
                    checked={pref.delivery === delivery}
                    onChange={() => void choose(pref.kind, delivery)}
                  />
                  <label htmlFor={`${pref.kind}-${delivery}`}>
                    {delivery === 'in_app' ? 'In the app only' : 'In the app and by e-mail'}
                  </label>
                </div>
              ))}
              {pref.mustReach && (
                <p className="hint">You must act on this: it always reaches you by e-mail.</p>
              )}
            </fieldset>
          </li>
        ))}
      </ul>
      <h2>Newsletter</h2>
      {newsletter.data && (
        <div className="field checkbox">
          <input
            type="checkbox"
            id="newsletter"
            checked={newsletter.data.subscribed}
            onChange={async (event) => {
              const subscribed = event.target.checked;
              const { data, error: refusal } = await notificationsApi.PUT('/me/newsletter', {
                body: { subscribed },
              });
              if (!data) return setError(problemText(refusal));
              setError(undefined);
              setSuccess(
                data.subscribed
                  ? 'Subscribed: the campaigns published each day reach you in one e-mail.'
                  : 'Unsubscribed from the newsletter.',
              );
              await newsletter.reload();
            }}
          />
          <label htmlFor="newsletter">Send me the end-of-day newsletter of new campaigns</label>
        </div>
      )}
      <Notice error={error} success={success} />
    </Layout>
  );
}
