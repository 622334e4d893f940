import { useState } from 'react';
import { campaignApi } from '../../api/clients';
import { Link } from '../../app/router';
import { Field } from '../../ui/Field';
import { Layout } from '../../ui/Layout';
import { useLoad } from '../../ui/use-load';

/** Campaigns open for applications, newest first, filtered by niche and country. */
export function Marketplace() {
  const [filters, setFilters] = useState<{ niche?: string; country?: string }>({});
  const { data, error } = useLoad(
    () => campaignApi.GET('/marketplace', { params: { query: { ...filters, limit: 50 } } }),
    [filters.niche, filters.country],
  );
  return (
    <Layout title="Marketplace">
      <form
        className="filters"
        aria-label="Filters"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const niche = String(form.get('niche')).trim();
          const country = String(form.get('country')).trim().toUpperCase();
          setFilters({ ...(niche ? { niche } : {}), ...(country ? { country } : {}) });
        }}
      >
        <Field label="Niche" name="niche" hint="Like beauty or travel" />
        <Field
          label="Country"
          name="country"
          hint="Two letters"
          maxLength={2}
          pattern="[A-Za-z]{2}"
        />
        <button type="submit">Filter</button>
      </form>
      {error && <p role="alert">{error}</p>}
      {data && data.items.length === 0 && <p>No campaign matches these filters yet.</p>}
      <ul className="cards" aria-label="Campaigns">
        {data?.items.map((campaign) => (
          <li key={campaign.id} className="card">
            <h2>
              <Link to={`/influencer/campaigns/${campaign.id}`}>{campaign.title}</Link>
            </h2>
            <p>{campaign.brief.slice(0, 160)}</p>
            <p className="meta">{qualificationsText(campaign.qualifications)}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function qualificationsText(q: {
  minFollowers?: number;
  niches?: string[];
  countries?: string[];
}): string {
  const parts = [
    q.minFollowers ? `${q.minFollowers.toLocaleString()}+ followers` : null,
    q.niches?.length ? q.niches.join(', ') : null,
    q.countries?.length ? `in ${q.countries.join(', ')}` : null,
  ].filter(Boolean);
  return parts.length ? `For: ${parts.join(' · ')}` : 'Open to every influencer';
}
