import { useState } from 'react';
import { campaignApi } from '../../api/clients';
import { problemText } from '../../api/problem';
import { Link } from '../../app/router';
import { Notice } from '../../ui/Field';
import { Layout } from '../../ui/Layout';
import { timeLeft, useNow } from '../../ui/time-left';
import { useLoad } from '../../ui/use-load';

const stateText = {
  pending: 'Waiting for you',
  accepted: 'Signed',
  declined: 'Declined',
  expired: 'Expired: not signed before the deadline',
  lapsed: 'Lapsed: the collaboration started without it',
} as const;

/**
 * My agreements: sign or decline a pending one before its deadline, with the time left. After the
 * deadline the buttons stay: the service's refusal says what happened.
 */
export function Agreements() {
  const {
    data,
    error: loadError,
    reload,
  } = useLoad(() => campaignApi.GET('/me/agreements', {}), []);
  const now = useNow();
  const [error, setError] = useState<string>();
  const [success, setSuccess] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const decide = async (campaignId: string, title: string, choice: 'sign' | 'decline') => {
    setBusy(campaignId);
    const path =
      choice === 'sign'
        ? ('/campaigns/{campaignId}/agreement/sign' as const)
        : ('/campaigns/{campaignId}/agreement/decline' as const);
    const { error: refusal } = await campaignApi.POST(path, { params: { path: { campaignId } } });
    setBusy(undefined);
    if (refusal) {
      setSuccess(undefined);
      return setError(problemText(refusal));
    }
    setError(undefined);
    setSuccess(
      choice === 'sign'
        ? `Signed the agreement for ${title}.`
        : `Declined the agreement for ${title}: you will not be in its collaboration.`,
    );
    // The workflow records the decision a moment after accepting it.
    setTimeout(() => void reload(), 700);
  };
  return (
    <Layout title="Agreements">
      {loadError && <p role="alert">{loadError}</p>}
      {data && data.items.length === 0 && (
        <p>No agreement yet. A brand that selects you sends one; you have 3 days to sign it.</p>
      )}
      <ul className="cards" aria-label="Agreements">
        {data?.items.map((agreement) => {
          const left = timeLeft(agreement.deadline, now);
          return (
            <li key={agreement.campaignId} className="card">
              <h2>
                <Link to={`/influencer/campaigns/${agreement.campaignId}`}>{agreement.title}</Link>
              </h2>
              <p className={`status status-${agreement.status}`}>{stateText[agreement.status]}</p>
              {agreement.status === 'pending' && (
                <>
                  <p className="meta">
                    Sign by{' '}
                    <time dateTime={agreement.deadline}>
                      {new Date(agreement.deadline).toLocaleString()}
                    </time>{' '}
                    · <strong>{left ?? 'The deadline has passed'}</strong>
                  </p>
                  <div className="actions">
                    <button
                      type="button"
                      disabled={busy === agreement.campaignId}
                      onClick={() => void decide(agreement.campaignId, agreement.title, 'sign')}
                    >
                      Sign agreement for {agreement.title}
                    </button>
                    <button
                      type="button"
                      className="secondary"
                      disabled={busy === agreement.campaignId}
                      onClick={() => void decide(agreement.campaignId, agreement.title, 'decline')}
                    >
                      Decline
                    </button>
                  </div>
                </>
              )}
            </li>
          );
        })}
      </ul>
      <Notice error={error} success={success} />
    </Layout>
  );
}
