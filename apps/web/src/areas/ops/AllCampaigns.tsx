import { useState } from 'react';
import { campaignApi } from '../../api/clients';
import { Link } from '../../app/router';
import { Field } from '../../ui/Field';
import { Layout } from '../../ui/Layout';
import { useLoad } from '../../ui/use-load';

const PAGE = 50;

/** Every brand's campaigns, newest first, a page at a time; one brand's when asked. */
export function AllCampaigns() {
  const [brandId, setBrandId] = useState('');
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const { data, error } = useLoad(
    () =>
      campaignApi.GET('/campaigns', {
        params: {
          query: { limit: PAGE, ...(cursor ? { cursor } : {}), ...(brandId ? { brandId } : {}) },
        },
      }),
    [cursor, brandId],
  );
  return (
    <Layout title="Every brand's campaigns">
      <form
        className="filters"
        aria-label="Filters"
        onSubmit={(event) => {
          event.preventDefault();
          setCursors([]);
          setBrandId(String(new FormData(event.currentTarget).get('brand')).trim());
        }}
      >
        <Field label="Brand" name="brand" hint="A brand's id; empty for every brand" />
        <button type="submit">Show</button>
      </form>
      {error && <p role="alert">{error}</p>}
      {data && data.items.length === 0 && <p>No campaign here.</p>}
      <ul className="cards" aria-label="Campaigns">
        {data?.items.map((campaign) => (
          <li key={campaign.id} className="card">
            <h2>
              <Link to={`/ops/campaigns/${campaign.id}`}>{campaign.title}</Link>
            </h2>
            <p className="meta">
              {campaign.brandId} ·{' '}
              <span className={`status status-${campaign.status}`}>{campaign.status}</span>
            </p>
          </li>
        ))}
      </ul>
      <div className="actions">
        {cursors.length > 0 && (
          <button
            type="button"
            className="secondary"
            onClick={() => setCursors(cursors.slice(0, -1))}
          >
            Newer campaigns
          </button>
        )}
        {data?.nextCursor && (
          <button
            type="button"
            className="secondary"
            onClick={() => setCursors([...cursors, data.nextCursor ?? ''])}
          >
            Older campaigns
          </button>
        )}
      </div>
    </Layout>
  );
}
