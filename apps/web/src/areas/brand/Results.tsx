import { campaignApi } from '../../api/clients';
import { Link } from '../../app/router';
import { Layout } from '../../ui/Layout';
import { ShowMore } from '../../ui/ShowMore';
import { useLoad } from '../../ui/use-load';
import { ResultsChart } from './ResultsChart';

const metrics = ['reach', 'impressions', 'likes', 'comments', 'clicks'] as const;
/** Where a result came from, in the product's words. */
const sources = { manual: 'typed in', insights: 'imported from Instagram insights' } as const;

/**
 * The campaign's results, in total and per influencer, with the source of each post (typed in by
 * the influencer, or imported from their insights). Importing is the influencer's: the API offers
 * it to them, for their own post.
 */
export function Results({ campaignId }: { campaignId: string }) {
  const { data, error } = useLoad(
    () => campaignApi.GET('/campaigns/{campaignId}/results', { params: { path: { campaignId } } }),
    [campaignId],
  );
  return (
    <Layout title="Results">
      <p>
        <Link to={`/brand/campaigns/${campaignId}`}>Back to the campaign</Link>
      </p>
      {error && <p role="alert">{error}</p>}
      {data && (
        <>
          <section aria-labelledby="total-title">
            <h2 id="total-title">In total</h2>
            <dl className="tally">
              {metrics.map((metric) => (
                <div key={metric}>
                  <dt>{metric}</dt>
                  <dd>{data.total[metric].toLocaleString()}</dd>
                </div>
              ))}
              <div>
                <dt>posts</dt>
                <dd>
                  {data.total.posts} ({data.total.postsBySource.manual} typed in,{' '}
                  {data.total.postsBySource.insights} imported)
                </dd>
              </div>
            </dl>
          </section>
          {data.perInfluencer.length === 0 ? (
            <p>No results yet: collaborators upload them after posting.</p>
          ) : (
            <section aria-labelledby="per-title">
              <h2 id="per-title">Per influencer</h2>
              <ResultsChart
                bars={data.perInfluencer.map((one) => ({
                  label: one.influencerId,
                  value: one.totals.reach,
                }))}
              />
              <ShowMore
                items={data.perInfluencer}
                label="Results per influencer"
                render={(one) => (
                  <li key={one.influencerId} className="card">
                    <h3>{one.influencerId}</h3>
                    <p className="meta">
                      {metrics.map((m) => `${m} ${one.totals[m].toLocaleString()}`).join(' · ')}
                    </p>
                    <ul aria-label={`Posts of ${one.influencerId}`}>
                      {one.posts.map((post) => (
                        <li key={post.id}>
                          <a href={post.postUrl} rel="noreferrer noopener" target="_blank">
                            {post.postUrl}
                          </a>{' '}
                          <span className={`source source-${post.source}`}>
                            {sources[post.source]}
                          </span>
                          : reach {post.reach.toLocaleString()}, likes {post.likes.toLocaleString()}
                        </li>
                      ))}
                    </ul>
                  </li>
                )}
              />
            </section>
          )}
        </>
      )}
    </Layout>
  );
}
