import { useState } from 'react';
import { campaignApi } from '../../api/clients';
import { problemText } from '../../api/problem';
import { Notice } from '../../ui/Field';
import { Layout } from '../../ui/Layout';
import { useLoad } from '../../ui/use-load';
import { qualificationsText } from './Marketplace';

/** A campaign as an influencer reads it, with Apply; a refusal shows the rule that refused. */
export function CampaignPage({ campaignId }: { campaignId: string }) {
  const { data: campaign, error: loadError } = useLoad(
    () => campaignApi.GET('/campaigns/{campaignId}', { params: { path: { campaignId } } }),
    [campaignId],
  );
  const [error, setError] = useState<string>();
  const [success, setSuccess] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <Layout title={campaign?.title ?? 'Campaign'}>
      {loadError && <p role="alert">{loadError}</p>}
      {campaign && (
        <article>
          <p className="brief">{campaign.brief}</p>
          <p className="meta">{qualificationsText(campaign.qualifications)}</p>
          <button
            type="button"
            disabled={busy || Boolean(success)}
            onClick={async () => {
              setBusy(true);
              const { error: refusal } = await campaignApi.POST(
                '/campaigns/{campaignId}/applications',
                { params: { path: { campaignId } } },
              );
              setBusy(false);
              if (refusal) return setError(problemText(refusal));
              setError(undefined);
              setSuccess('Applied. The brand will choose its influencers; we tell you either way.');
            }}
          >
            Apply
          </button>
        </article>
      )}
      <Notice error={error} success={success} />
    </Layout>
  );
}
