import { useEffect, useRef, useState } from 'react';
import { campaignApi } from '../../api/clients';
import { problemText } from '../../api/problem';
import { Link, usePath } from '../../app/router';
import { Layout } from '../../ui/Layout';

/**
 * Where Instagram sends the influencer back after granting access: the code and state go to the
 * service, which checks the state is this influencer's and reads the audience.
 */
export function SocialConnected() {
  const { query } = usePath();
  const code = query.get('code');
  const state = query.get('state');
  const denied = query.get('error_description') ?? query.get('error');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    if (!code || !state) {
      setOutcome({ ok: false, text: denied ?? 'Instagram did not grant access; try again.' });
      return;
    }
    void campaignApi
      .POST('/me/social-account/connection/callback', { body: { code, state } })
      .then(({ data, error }) =>
        setOutcome(
          data
            ? {
                ok: true,
                text: `Connected @${data.username ?? ''}: ${(data.followers ?? 0).toLocaleString()} followers.`,
              }
            : { ok: false, text: problemText(error) },
        ),
      );
  }, [code, state, denied]);
  return (
    <Layout title="Connecting Instagram">
      {!outcome && <p role="status">Reading your account…</p>}
      {outcome && (
        <p
          role={outcome.ok ? 'status' : 'alert'}
          className={`notice ${outcome.ok ? 'success' : 'error'}`}
        >
          {outcome.text}
        </p>
      )}
      <p>
        <Link to="/influencer/account">Back to my account</Link>
      </p>
    </Layout>
  );
}
