import { useState } from 'react';
import { campaignApi } from '../../api/clients';
import { problemText, type Problem } from '../../api/problem';
import { Field, Notice } from '../../ui/Field';
import { Layout } from '../../ui/Layout';
import { useLoad } from '../../ui/use-load';

const figures = [
  ['reach', 'Reach'],
  ['impressions', 'Impressions'],
  ['likes', 'Likes'],
  ['comments', 'Comments'],
  ['clicks', 'Clicks'],
] as const;
type Figure = (typeof figures)[number][0];

/** A whole number as typed, or the text itself: the service names what is wrong with it. */
const asNumber = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

/**
 * The results of my post for a collaboration: its link and figures, typed in. A refusal names the
 * field the service found wrong, next to that field.
 */
export function UploadResults({ campaignId }: { campaignId: string }) {
  const { data: campaign } = useLoad(
    () => campaignApi.GET('/campaigns/{campaignId}', { params: { path: { campaignId } } }),
    [campaignId],
  );
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [success, setSuccess] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <Layout title={`Results${campaign ? ` for ${campaign.title}` : ''}`}>
      <form
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const numbers = Object.fromEntries(
            figures.map(([name]) => [name, asNumber(String(form.get(name)))]),
          ) as Record<Figure, number>;
          setBusy(true);
          const { data, error: refusal } = await campaignApi.POST(
            '/campaigns/{campaignId}/results',
            {
              params: { path: { campaignId } },
              body: { postUrl: String(form.get('postUrl')).trim(), ...numbers },
            },
          );
          setBusy(false);
          if (!data) {
            const errors = (refusal as Problem | undefined)?.errors ?? [];
            // Paths name where the field was ("body.reach"): the field is the last part.
            setFieldErrors(
              Object.fromEntries(errors.map((e) => [e.path.split('.').pop() ?? e.path, e.message])),
            );
            setSuccess(undefined);
            return setError(problemText(refusal));
          }
          setFieldErrors({});
          setError(undefined);
          setSuccess(
            `Results saved: reach ${data.reach.toLocaleString()}. The brand sees them now.`,
          );
          event.currentTarget?.reset();
        }}
      >
        <Field
          label="Post link"
          name="postUrl"
          type="url"
          inputMode="url"
          aria-invalid={Boolean(fieldErrors.postUrl)}
          hint={fieldErrors.postUrl ?? 'The address of your post on Instagram'}
        />
        {figures.map(([name, label]) => (
          <Field
            key={name}
            label={label}
            name={name}
            inputMode="numeric"
            aria-invalid={Boolean(fieldErrors[name])}
            {...(fieldErrors[name] ? { hint: fieldErrors[name] } : {})}
          />
        ))}
        <button type="submit" disabled={busy}>
          Upload results
        </button>
      </form>
      <Notice error={error} success={success} />
    </Layout>
  );
}
