import { campaignApi } from '../../api/clients';
import { Link } from '../../app/router';
import { Layout } from '../../ui/Layout';
import { useLoad } from '../../ui/use-load';

/** The brand's campaigns, newest first. */
export function CampaignList() {
  const { data, error } = useLoad(
    () => campaignApi.GET('/campaigns', { params: { query: { limit: 100 } } }),
    [],
  );
  return (
    <Layout title="Your campaigns">
      <p>
        <Link to="/brand/campaigns/new" className="button">
          New campaign
        </Link>
      </p>
      {error && <p role="alert">{error}</p>}
      {data && data.items.length === 0 && <p>No campaign yet: create your first one.</p>}
      <ul className="cards" aria-label="Campaigns">
        {data?.items.map((campaign) => (
          <li key={campaign.id} className="card">
            <h2>
              <Link to={`/brand/campaigns/${campaign.id}`}>{campaign.title}</Link>
            </h2>
            <p className={`status status-${campaign.status}`}>{campaign.status}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
