import { useEffect, useState } from 'react';
import { campaignApi } from '../../api/clients';
import { problemText } from '../../api/problem';
import { Field, Notice } from '../../ui/Field';
import { Layout } from '../../ui/Layout';
import { useLoad } from '../../ui/use-load';
import { qualificationsText } from '../influencer/Marketplace';
import { AuditTable } from './AuditTable';

/**
 * One campaign for customer success: close it early with the reason, add an influencer who cannot
 * apply with the reason; both land in the audit log below. A refusal shows the rule.
 */
export function OpsCampaign({ campaignId }: { campaignId: string }) {
  const {
    data: campaign,
    error: loadError,
    reload,
  } = useLoad(
    () => campaignApi.GET('/campaigns/{campaignId}', { params: { path: { campaignId } } }),
    [campaignId],
  );
  const [error, setError] = useState<string>();
  const [success, setSuccess] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [changes, setChanges] = useState(0);
  const [auditKey, setAuditKey] = useState(0);
  // The workflow records an action a moment after accepting it: look again for a few seconds.
  useEffect(() => {
    if (changes === 0) return;
    const timers = [700, 2_000, 4_000].map((ms) =>
      setTimeout(() => {
        void reload();
        setAuditKey((key) => key + 1);
      }, ms),
    );
    return () => timers.forEach(clearTimeout);
  }, [changes, reload]);
  const act = async (
    form: HTMLFormElement,
    run: (values: FormData) => Promise<{ error?: unknown; data?: unknown }>,
    done: string,
  ) => {
    setBusy(true);
    const answer = await run(new FormData(form));
    setBusy(false);
    if (answer.error) {
      setSuccess(undefined);
      return setError(problemText(answer.error));
    }
    setError(undefined);
    setSuccess(done);
    form.reset();
    setChanges((n) => n + 1);
  };
  return (
    <Layout title={campaign?.title ?? 'Campaign'}>
      {loadError && <p role="alert">{loadError}</p>}
      {campaign && (
        <>
          <p className="meta">
            {campaign.brandId} ·{' '}
            <span className={`status status-${campaign.status}`}>{campaign.status}</span>
            {campaign.closedAt && ` · closed ${new Date(campaign.closedAt).toLocaleString()}`}
          </p>
          <p className="brief">{campaign.brief}</p>
          <p className="meta">{qualificationsText(campaign.qualifications)}</p>

          <form
            aria-label="Close early"
            onSubmit={(event) => {
              event.preventDefault();
              void act(
                event.currentTarget,
                (values) =>
                  campaignApi.POST('/campaigns/{campaignId}/close', {
                    params: { path: { campaignId } },
                    body: { reason: String(values.get('reason')).trim() },
                  }),
                'Closing the campaign: no new applications; the brand can start the collaboration.',
              );
            }}
          >
            <h2>Close early</h2>
            <Field label="Reason for closing" name="reason" required maxLength={500} />
            <button type="submit" disabled={busy}>
              Close campaign early
            </button>
          </form>

          <form
            aria-label="Add an influencer manually"
            onSubmit={(event) => {
              event.preventDefault();
              void act(
                event.currentTarget,
                (values) =>
                  campaignApi.POST('/campaigns/{campaignId}/manual-additions', {
                    params: { path: { campaignId } },
                    body: {
                      influencerId: String(values.get('influencerId')).trim(),
                      reason: String(values.get('reason')).trim(),
                    },
                  }),
                'Adding the influencer: they join the applicants as pending.',
              );
            }}
          >
            <h2>Add an influencer manually</h2>
            <Field label="Influencer" name="influencerId" required hint="The influencer's id" />
            <Field label="Reason for adding" name="reason" required maxLength={500} />
            <button type="submit" disabled={busy}>
              Add influencer
            </button>
          </form>
        </>
      )}
      <Notice error={error} success={success} />
      <h2>Audit log of this campaign</h2>
      <AuditTable campaignId={campaignId} reloadKey={auditKey} />
    </Layout>
  );
}
