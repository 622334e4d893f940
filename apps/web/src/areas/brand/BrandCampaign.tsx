import { useEffect, useState } from 'react';
import { campaignApi } from '../../api/clients';
import { problemText } from '../../api/problem';
import { Notice } from '../../ui/Field';
import { Layout } from '../../ui/Layout';
import { useLoad } from '../../ui/use-load';
import { qualificationsText } from '../influencer/Marketplace';
import { Board } from './Board';

/** One of the brand's campaigns: what it says, Publish while it is a draft, then its board. */
export function BrandCampaign({ campaignId }: { campaignId: string }) {
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
  const [publishing, setPublishing] = useState(false);
  // Publishing is accepted (202) before the campaign's workflow has recorded it: ask again shortly.
  const status = campaign?.status;
  useEffect(() => {
    if (!publishing || status !== 'draft') return;
    const timer = setTimeout(() => void reload(), 500);
    return () => clearTimeout(timer);
  }, [publishing, status, reload]);
  return (
    <Layout title={campaign?.title ?? 'Campaign'}>
      {loadError && <p role="alert">{loadError}</p>}
      {campaign && (
        <>
          <p className={`status status-${campaign.status}`}>{campaign.status}</p>
          <p className="brief">{campaign.brief}</p>
          <p className="meta">{qualificationsText(campaign.qualifications)}</p>
          {campaign.status === 'draft' && (
            <button
              type="button"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                const { error: refusal } = await campaignApi.POST(
                  '/campaigns/{campaignId}/publish',
                  {
                    params: { path: { campaignId } },
                  },
                );
                setBusy(false);
                if (refusal) return setError(problemText(refusal));
                setError(undefined);
                setSuccess('Published: influencers who qualify can apply now.');
                setPublishing(true);
                await reload();
              }}
            >
              Publish
            </button>
          )}
          {campaign.status !== 'draft' && <Board campaignId={campaignId} />}
        </>
      )}
      <Notice error={error} success={success} />
    </Layout>
  );
}
