import { useId, useState } from 'react';
import { campaignApi } from '../../api/clients';
import { problemText } from '../../api/problem';
import { navigate } from '../../app/router';
import { Field, Notice } from '../../ui/Field';
import { Layout } from '../../ui/Layout';
import { compressedWeek } from './compressed-week';

export const list = (value: FormDataEntryValue | null) =>
  String(value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** A new campaign, saved as a draft; publishing is on its page. */
export function CreateCampaign() {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const briefId = useId();
  return (
    <Layout title="New campaign">
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const minFollowers = Number(form.get('minFollowers') || 0);
          const niches = list(form.get('niches'));
          const countries = list(form.get('countries')).map((c) => c.toUpperCase());
          setBusy(true);
          const { data, error: refusal } = await campaignApi.POST('/campaigns', {
            body: {
              title: String(form.get('title')),
              brief: String(form.get('brief')),
              qualifications: {
                ...(minFollowers ? { minFollowers } : {}),
                ...(niches.length ? { niches } : {}),
                ...(countries.length ? { countries } : {}),
              },
              ...(form.get('compressed') ? { schedule: compressedWeek } : {}),
            },
          });
          setBusy(false);
          if (!data) return setError(problemText(refusal));
          navigate(`/brand/campaigns/${data.id}`);
        }}
      >
        <Field label="Title" name="title" required minLength={3} maxLength={120} />
        <div className="field">
          <label htmlFor={briefId}>Brief</label>
          <textarea id={briefId} name="brief" required rows={5} maxLength={5000} />
        </div>
        <fieldset>
          <legend>Who may apply</legend>
          <Field label="Minimum followers" name="minFollowers" type="number" min={0} />
          <Field label="Niches" name="niches" hint="Comma-separated, like beauty, travel" />
          <Field label="Countries" name="countries" hint="Comma-separated codes, like NL, DE" />
        </fieldset>
        <div className="field checkbox">
          <input id={`${briefId}-compressed`} type="checkbox" name="compressed" />
          <label htmlFor={`${briefId}-compressed`}>
            Compressed week (demo): each day of the campaign lasts one minute
          </label>
        </div>
        <button type="submit" disabled={busy}>
          Save draft
        </button>
      </form>
      <Notice error={error} />
    </Layout>
  );
}
