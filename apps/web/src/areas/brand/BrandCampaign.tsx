import { useEffect, useState } from 'react';
import { campaignApi } from '../../api/clients';
import { problemText } from '../../api/problem';
import { Notice } from '../../ui/Field';
import { Layout } from '../../ui/Layout';
import { useLoad } from '../../ui/use-load';
import { qualificationsText } from '../influencer/Marketplace';
import { Link } from '../../app/router';
import { Agreements } from './Agreements';
import { Board } from './Board';
import { Collaborators } from './Collaborators';
import { StartCollaboration } from './StartCollaboration';
import { useBoard } from './use-board';

/**
 * One of the brand's campaigns: what it says; while a draft, Edit and Publish; once published,
 * the board, the agreements, Start collaboration, and after the start the collaborators.
 */
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
  // Publishing is accepted (202) before the campaign's workflow has recorded it: ask again every
  // half second until it has (the status alone would not change this effect's dependencies).
  const status = campaign?.status;
  const {
    board,
    error: boardError,
    reload: reloadBoard,
  } = useBoard(campaignId, status !== undefined && status !== 'draft');
  useEffect(() => {
    if (!publishing || status !== 'draft') return;
    const timer = setInterval(() => void reload(), 500);
    return () => clearInterval(timer);
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
            <p>
              <Link to={`/brand/campaigns/${campaignId}/edit`} className="button">
                Edit draft
              </Link>
            </p>
          )}
          {campaign.status !== 'draft' && (
            <nav aria-label="This campaign" className="subnav">
              <Link to={`/brand/campaigns/${campaignId}/results`}>Results</Link>
              <Link to={`/brand/campaigns/${campaignId}/network`}>Network</Link>
              <Link to="/brand/messages">Messages</Link>
            </nav>
          )}
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
          {boardError && <p role="alert">{boardError}</p>}
          {campaign.status !== 'draft' && board && (
            <>
              <StartCollaboration
                campaignId={campaignId}
                campaign={campaign}
                board={board}
                reload={reloadBoard}
              />
              {board.collaborationStartedAt && (
                <Collaborators campaignId={campaignId} title={campaign.title} />
              )}
              <Board campaignId={campaignId} board={board} reload={reloadBoard} />
              <Agreements board={board} />
            </>
          )}
        </>
      )}
      <Notice error={error} success={success} />
    </Layout>
  );
}
