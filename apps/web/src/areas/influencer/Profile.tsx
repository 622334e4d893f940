import { useState } from 'react';
import { campaignApi } from '../../api/clients';
import { problemText } from '../../api/problem';
import { Field, Notice } from '../../ui/Field';
import { Layout } from '../../ui/Layout';
import { useLoad } from '../../ui/use-load';

/** A comma-separated field as its items. */
const list = (value: FormDataEntryValue | null) =>
  String(value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/**
 * My profile: what brands search and qualifications check (niches, country), where parcels go (a
 * brand sees the address only once I am in its collaboration) and where the platform's mail goes
 * (never shown to a brand). Followers come from the connected account, never typed in.
 */
export function Profile() {
  const { data: profile, error } = useLoad(() => campaignApi.GET('/me/profile', {}), []);
  const [refusal, setRefusal] = useState<string>();
  const [success, setSuccess] = useState<string>();
  const [busy, setBusy] = useState(false);
  const address = profile?.shippingAddress;
  return (
    <Layout title="My profile">
      {error && <p role="alert">{error}</p>}
      {profile && (
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            const values = new FormData(event.currentTarget);
            const text = (name: string) => String(values.get(name) ?? '').trim();
            const email = text('email');
            const postcode = text('postcode');
            setBusy(true);
            // A PUT replaces the profile: every field is sent, the e-mail address included.
            const { data: saved, error: refused } = await campaignApi.PUT('/me/profile', {
              body: {
                displayName: text('displayName'),
                handle: text('handle'),
                niches: list(values.get('niches')),
                country: text('country').toUpperCase(),
                shippingAddress: {
                  street: text('street'),
                  ...(postcode ? { postcode } : {}),
                  city: text('city'),
                  country: text('addressCountry').toUpperCase(),
                },
                ...(email ? { email } : {}),
              },
            });
            setBusy(false);
            if (!saved) {
              setSuccess(undefined);
              return setRefusal(problemText(refused));
            }
            setRefusal(undefined);
            setSuccess('Profile saved.');
          }}
        >
          <Field
            label="Display name"
            name="displayName"
            defaultValue={profile.displayName}
            required
          />
          <Field
            label="Instagram handle"
            name="handle"
            defaultValue={profile.handle}
            hint="Like @yourname"
            required
          />
          <Field
            label="Niches"
            name="niches"
            defaultValue={profile.niches.join(', ')}
            hint="Comma-separated, like beauty, travel"
          />
          <Field
            label="Country"
            name="country"
            defaultValue={profile.country}
            hint="Two letters, like NL or DE"
            pattern="[A-Za-z]{2}"
            maxLength={2}
            required
          />
          <fieldset>
            <legend>
              Shipping address (a brand sees it only once you are in its collaboration)
            </legend>
            <Field
              label="Street and number"
              name="street"
              autoComplete="street-address"
              defaultValue={address?.street ?? ''}
              required
            />
            <Field
              label="Postcode"
              name="postcode"
              autoComplete="postal-code"
              defaultValue={address?.postcode ?? ''}
            />
            <Field
              label="City"
              name="city"
              autoComplete="address-level2"
              defaultValue={address?.city ?? ''}
              required
            />
            <Field
              label="Country of the address"
              name="addressCountry"
              defaultValue={address?.country ?? profile.country}
              hint="Two letters, like NL or DE"
              pattern="[A-Za-z]{2}"
              maxLength={2}
              required
            />
          </fieldset>
          <Field
            label="E-mail address for the platform's mail"
            name="email"
            type="email"
            autoComplete="email"
            defaultValue={profile.email ?? ''}
            hint="Never shown to a brand"
          />
          <p className="meta">
            {profile.followers.toLocaleString('en')} followers, {profile.engagementRate}%
            engagement: from your connected Instagram account.
          </p>
          <button type="submit" disabled={busy}>
            Save profile
          </button>
        </form>
      )}
      <Notice error={refusal} success={success} />
    </Layout>
  );
}
