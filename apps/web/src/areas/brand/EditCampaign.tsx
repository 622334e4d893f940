import { useId, useState } from 'react';
import { campaignApi } from '../../api/clients';
import { problemText } from '../../api/problem';
import { navigate } from '../../app/router';
import { Field, Notice } from '../../ui/Field';
import { Layout } from '../../ui/Layout';
import { useLoad } from '../../ui/use-load';
import { list } from './CreateCampaign';

/**
 * Edit a draft: its title, brief and who may apply. The API edits drafts only (a published
 * campaign is what influencers applied to), so a published one answers with the rule's refusal.
 */
export function EditCampaign({ campaignId }: { campaignId: string }) {
  const { data: campaign, error: loadError } = useLoad(
    () => campaignApi.GET('/campaigns/{campaignId}', { params: { path: { campaignId } } }),
    [campaignId],
  );
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const briefId = useId();
  const q = campaign?.qualifications;
  return (
    <Layout title="Edit draft">
      {loadError && <p role="alert">{loadError}</p>}
      {campaign && campaign.status !== 'draft' && (
        <p>Published campaigns cannot be edited: influencers applied to what it said.</p>
      )}
      {campaign?.status === 'draft' && (
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            const form = new FormData(event.currentTarget);
            const minFollowers = Number(form.get('minFollowers') || 0);
            const niches = list(form.get('niches'));
            const countries = list(form.get('countries')).map((c) => c.toUpperCase());
            setBusy(true);
            const { data, error: refusal } = await campaignApi.PATCH('/campaigns/{campaignId}', {
              params: { path: { campaignId } },
              body: {
                title: String(form.get('title')),
                brief: String(form.get('brief')),
                qualifications: {
                  ...(minFollowers ? { minFollowers } : {}),
                  ...(niches.length ? { niches } : {}),
                  ...(countries.length ? { countries } : {}),
                },
              },
            });
            setBusy(false);
            if (!data) return setError(problemText(refusal));
            navigate(`/brand/campaigns/${campaignId}`);
          }}
        >
          <Field
            label="Title"
            name="title"
            required
            minLength={3}
            maxLength={120}
            defaultValue={campaign.title}
          />
          <div className="field">
            <label htmlFor={briefId}>Brief</label>
            <textarea
              id={briefId}
              name="brief"
              required
              rows={5}
              maxLength={5000}
              defaultValue={campaign.brief}
            />
          </div>
          <fieldset>
            <legend>Who may apply</legend>
            <Field
              label="Minimum followers"
              name="minFollowers"
              type="number"
              min={0}
              defaultValue={q?.minFollowers ?? ''}
            />
            <Field
              label="Niches"
              name="niches"
              hint="Comma-separated, like beauty, travel"
              defaultValue={q?.niches?.join(', ') ?? ''}
            />
            <Field
              label="Countries"
              name="countries"
              hint="Comma-separated codes, like NL, DE"
              defaultValue={q?.countries?.join(', ') ?? ''}
            />
          </fieldset>
          <button type="submit" disabled={busy}>
            Save changes
          </button>
        </form>
      )}
      <Notice error={error} />
    </Layout>
  );
}
