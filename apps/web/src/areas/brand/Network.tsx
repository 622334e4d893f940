import { useEffect, useId, useState } from 'react';
import { campaignApi } from '../../api/clients';
import { problemText } from '../../api/problem';
import { Link } from '../../app/router';
import { Field, Notice } from '../../ui/Field';
import { Layout } from '../../ui/Layout';
import { InviteForm } from './InviteForm';

type Filters = { niche?: string; country?: string; minFollowers?: number };
type Influencer = {
  id: string;
  handle: string;
  displayName: string;
  niches: string[];
  country: string;
  followers: number;
  engagementRate: number;
};

/**
 * The Network for one campaign: influencers who have not applied, searched with filters and paged
 * by the API's cursor; each can be invited with the invitation text, edited first. A brand whose
 * plan has no Network reads the API's refusal and its reason.
 */
export function Network({ campaignId }: { campaignId: string }) {
  const [filters, setFilters] = useState<Filters>({});
  const [items, setItems] = useState<Influencer[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [loaded, setLoaded] = useState(false);
  const [inviting, setInviting] = useState<Influencer>();
  const [success, setSuccess] = useState<string>();
  const filterId = useId();

  const search = async (wanted: Filters, cursor?: string) => {
    const { data, error: refusal } = await campaignApi.GET('/network', {
      params: { query: { campaignId, limit: 20, ...wanted, ...(cursor ? { cursor } : {}) } },
    });
    setLoaded(true);
    if (!data) return setError(problemText(refusal));
    setError(undefined);
    setItems((shown) => (cursor ? [...shown, ...data.items] : data.items));
    setNextCursor(data.nextCursor);
  };
  useEffect(() => {
    void search({});
    // The first page once; the filters search on submit.
  }, [campaignId]);

  return (
    <Layout title="Network">
      <p>
        <Link to={`/brand/campaigns/${campaignId}`}>Back to the campaign</Link>
      </p>
      <form
        className="filters"
        aria-labelledby={filterId}
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const niche = String(form.get('niche') ?? '').trim();
          const country = String(form.get('country') ?? '')
            .trim()
            .toUpperCase();
          const minFollowers = Number(form.get('minFollowers') || 0);
          const wanted: Filters = {
            ...(niche ? { niche } : {}),
            ...(country ? { country } : {}),
            ...(minFollowers ? { minFollowers } : {}),
          };
          setFilters(wanted);
          void search(wanted);
        }}
      >
        <h2 id={filterId}>Search influencers who have not applied</h2>
        <Field label="Niche" name="niche" />
        <Field label="Country" name="country" hint="A code, like NL" maxLength={2} />
        <Field label="Minimum followers" name="minFollowers" type="number" min={0} />
        <button type="submit">Search</button>
      </form>
      {error && (
        <div role="alert" className="notice error">
          {error}
        </div>
      )}
      {loaded && !error && items.length === 0 && <p>Nobody in the Network matches.</p>}
      <ul className="cards" aria-label="Influencers">
        {items.map((one) => (
          <li key={one.id} className="card">
            <h3>
              {one.displayName} <span className="meta">{one.handle}</span>
            </h3>
            <p className="meta">
              {one.followers.toLocaleString()} followers · {one.engagementRate}% engagement ·{' '}
              {one.country} · {one.niches.join(', ')}
            </p>
            <button type="button" onClick={() => setInviting(one)}>
              Invite for campaign<span className="visually-hidden"> {one.displayName}</span>
            </button>
          </li>
        ))}
      </ul>
      {nextCursor && (
        <button type="button" onClick={() => void search(filters, nextCursor)}>
          More influencers
        </button>
      )}
      {inviting && (
        <InviteForm
          campaignId={campaignId}
          influencer={inviting}
          onDone={(sentTo) => {
            setInviting(undefined);
            setSuccess(`Invitation sent to ${sentTo}: it arrives in their Messenger.`);
          }}
        />
      )}
      <Notice success={success} />
    </Layout>
  );
}
