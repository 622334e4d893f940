import { useState } from 'react';
import { campaignApi } from '../../api/clients';
import { Link } from '../../app/router';
import { useLoad } from '../../ui/use-load';

const actionText: Record<string, string> = {
  close_early: 'Closed early',
  add_manually: 'Added manually',
};

/**
 * What ops did, newest first: who, what, to which influencer, why. The API gives the latest up to
 * 500 (no cursor), so "Show more" asks for a bigger latest slice.
 */
export function AuditTable({
  campaignId,
  reloadKey = 0,
}: {
  campaignId?: string;
  reloadKey?: number;
}) {
  const [limit, setLimit] = useState(50);
  const { data, error } = useLoad(
    () =>
      campaignApi.GET('/ops/audit', {
        params: { query: { limit, ...(campaignId ? { campaignId } : {}) } },
      }),
    [limit, campaignId, reloadKey],
  );
  return (
    <section aria-label="Audit log">
      {error && <p role="alert">{error}</p>}
      {data && data.items.length === 0 && <p>Nothing recorded yet.</p>}
      <ul className="cards" aria-label="Audit records">
        {data?.items.map((record) => (
          <li key={record.id} className="card">
            <p>
              <strong>{actionText[record.action] ?? record.action}</strong>
              {record.influencerId ? ` ${record.influencerId}` : ''} by {record.actor}
            </p>
            <p>Reason: {record.reason}</p>
            <p className="meta">
              <time dateTime={record.at}>{new Date(record.at).toLocaleString()}</time>
              {!campaignId && (
                <>
                  {' · '}
                  <Link to={`/ops/campaigns/${record.campaignId}`}>the campaign</Link>
                </>
              )}
            </p>
          </li>
        ))}
      </ul>
      {data && data.items.length >= limit && limit < 500 && (
        <button
          type="button"
          className="secondary"
          onClick={() => setLimit(Math.min(500, limit * 2))}
        >
          Show more
        </button>
      )}
    </section>
  );
}
