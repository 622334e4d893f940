import { useState } from 'react';
import { campaignApi } from '../../api/clients';
import { problemText } from '../../api/problem';
import { Link } from '../../app/router';
import { Notice } from '../../ui/Field';
import { Layout } from '../../ui/Layout';
import { useLoad } from '../../ui/use-load';

const statusText = {
  connected: 'Connected',
  expired: 'Expired: Instagram no longer lets us read your audience. Reconnect to refresh it.',
  revoked: 'Access was removed on Instagram. Reconnect to refresh your audience.',
  disconnected: 'Not connected. Campaigns that ask for a follower minimum need your account.',
} as const;

/** Sends the browser to Instagram to grant access; it comes back to /social-account/connected. */
async function startConnecting(setError: (text: string) => void) {
  const { data, error } = await campaignApi.POST('/me/social-account/connection', {});
  if (!data) return setError(problemText(error));
  location.assign(data.authorizeUrl);
}

/**
 * My Instagram account: its state and the audience it reported (followers and engagement are
 * read from it, never typed in), connect or reconnect, refresh now, disconnect.
 */
export function SocialAccount() {
  const {
    data: account,
    error: loadError,
    reload,
  } = useLoad(() => campaignApi.GET('/me/social-account', {}), []);
  const [error, setError] = useState<string>();
  const [success, setSuccess] = useState<string>();
  const [busy, setBusy] = useState(false);
  const act = async (run: () => Promise<{ error?: unknown; data?: unknown }>, done: string) => {
    setBusy(true);
    const answer = await run();
    setBusy(false);
    if (answer.error) return setError(problemText(answer.error));
    setError(undefined);
    setSuccess(done);
    await reload();
  };
  return (
    <Layout title="My account">
      <h2>Instagram</h2>
      {loadError && <p role="alert">{loadError}</p>}
      {account && (
        <section aria-label="Instagram account" className="card">
          <p className={`status status-${account.status}`}>{account.status}</p>
          <p>{statusText[account.status]}</p>
          {account.username && <p>@{account.username}</p>}
          <dl className="figures">
            <div>
              <dt>Followers</dt>
              <dd>{account.followers === null ? '—' : account.followers.toLocaleString()}</dd>
            </div>
            <div>
              <dt>Engagement</dt>
              <dd>
                {account.engagementRate === null ? '—' : `${account.engagementRate.toFixed(2)}%`}
              </dd>
            </div>
            <div>
              <dt>Last read</dt>
              <dd>{account.refreshedAt ? new Date(account.refreshedAt).toLocaleString() : '—'}</dd>
            </div>
          </dl>
          <div className="actions">
            <button type="button" disabled={busy} onClick={() => void startConnecting(setError)}>
              {account.status === 'disconnected' ? 'Connect Instagram' : 'Reconnect Instagram'}
            </button>
            {account.status === 'connected' && (
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() =>
                  void act(
                    () => campaignApi.POST('/me/social-account/refresh', {}),
                    'Your audience was read again from Instagram.',
                  )
                }
              >
                Refresh now
              </button>
            )}
            {account.status !== 'disconnected' && (
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() =>
                  void act(
                    () => campaignApi.DELETE('/me/social-account', {}),
                    'Disconnected: your figures stay as last read.',
                  )
                }
              >
                Disconnect
              </button>
            )}
          </div>
        </section>
      )}
      <Notice error={error} success={success} />
      <p>
        <Link to="/influencer/settings">Notifications and newsletter</Link>
      </p>
    </Layout>
  );
}
