import { campaignApi } from '../../api/clients';
import { match, usePath } from '../../app/router';
import { NotFound } from '../../pages/NotFound';
import { Layout } from '../../ui/Layout';
import { useLoad } from '../../ui/use-load';

/** Customer success's pages (one chunk): every brand's campaigns, for now. */
export default function OpsArea() {
  const { pathname } = usePath();
  if (match('/ops/campaigns', pathname)) return <AllCampaigns />;
  return <NotFound />;
}

function AllCampaigns() {
  const { data, error } = useLoad(
    () => campaignApi.GET('/campaigns', { params: { query: { limit: 100 } } }),
    [],
  );
  return (
    <Layout title="Every brand's campaigns">
      {error && <p role="alert">{error}</p>}
      <ul className="cards" aria-label="Campaigns">
        {data?.items.map((campaign) => (
          <li key={campaign.id} className="card">
            <h2>{campaign.title}</h2>
            <p className="meta">
              {campaign.brandId} ·{' '}
              <span className={`status status-${campaign.status}`}>{campaign.status}</span>
            </p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
