import { campaignApi } from '../../api/clients';
import { Link } from '../../app/router';
import { Layout } from '../../ui/Layout';
import { useLoad } from '../../ui/use-load';

type Application = {
  campaignId: string;
  title: string;
  campaignStatus: 'draft' | 'published' | 'closed';
  source: 'applied' | 'manual';
  outcome: 'awaiting_collaboration' | 'in_collaboration' | 'not_in_collaboration';
};

/** Where an application stands, in the words an influencer would use. */
function standing(application: Application): string {
  if (application.outcome === 'in_collaboration') {
    return 'Congratulations! You are in the collaboration: the brand will be in touch.';
  }
  if (application.outcome === 'not_in_collaboration') {
    return 'Not chosen this time: the collaboration started without you.';
  }
  const how = application.source === 'manual' ? 'Added by customer success' : 'Applied';
  return application.campaignStatus === 'closed'
    ? `${how}: the campaign is closed and the brand is choosing its group.`
    : `${how}: the brand is choosing; we tell you either way.`;
}

/** The campaigns I applied to (or was added to): applied, then collaborating or not. */
export function MyCampaigns() {
  const { data, error } = useLoad(() => campaignApi.GET('/me/applications', {}), []);
  const groups = [
    ['Collaborating', data?.items.filter((a) => a.outcome === 'in_collaboration')],
    ['Applied', data?.items.filter((a) => a.outcome === 'awaiting_collaboration')],
    ['Finished without me', data?.items.filter((a) => a.outcome === 'not_in_collaboration')],
  ] as const;
  return (
    <Layout title="My campaigns">
      {error && <p role="alert">{error}</p>}
      {data && data.items.length === 0 && (
        <p>
          Nothing yet. <Link to="/influencer/marketplace">Find a campaign</Link> to apply to.
        </p>
      )}
      {groups.map(([heading, items]) =>
        items && items.length > 0 ? (
          <section key={heading} aria-label={heading}>
            <h2>{heading}</h2>
            <ul className="cards">
              {items.map((application) => (
                <li key={application.campaignId} className="card">
                  <h3>
                    <Link to={`/influencer/campaigns/${application.campaignId}`}>
                      {application.title}
                    </Link>
                  </h3>
                  <p className={application.outcome === 'in_collaboration' ? 'congrats' : ''}>
                    {standing(application)}
                  </p>
                  {application.outcome === 'in_collaboration' && (
                    <Link
                      className="button"
                      to={`/influencer/campaigns/${application.campaignId}/results`}
                    >
                      Upload results for {application.title}
                    </Link>
                  )}
                </li>
              ))}
            </ul>
          </section>
        ) : null,
      )}
    </Layout>
  );
}
