import { useState } from 'react';
import { signUpBrand, signUpInfluencer } from '../api/public-accounts';
import { problemText } from '../api/problem';
import { Link } from '../app/router';
import { Field, Notice } from '../ui/Field';
import { Layout } from '../ui/Layout';

type Kind = 'brand' | 'influencer';

/** Sign-up for a brand (its first user) or an influencer; both finish by the e-mailed link. */
export function SignUp({ kind }: { kind: Kind }) {
  const [error, setError] = useState<string>();
  const [success, setSuccess] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <Layout title={kind === 'brand' ? 'Sign up your brand' : 'Sign up as an influencer'}>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          setBusy(true);
          const form = Object.fromEntries(new FormData(event.currentTarget)) as Record<
            string,
            string
          >;
          const email = form.email ?? '';
          const { problem } =
            kind === 'brand'
              ? await signUpBrand({ brandName: form.brandName ?? '', name: form.name ?? '', email })
              : await signUpInfluencer({
                  displayName: form.displayName ?? '',
                  handle: form.handle ?? '',
                  email,
                  country: (form.country ?? '').toUpperCase(),
                });
          setBusy(false);
          if (problem) return setError(problemText(problem));
          setError(undefined);
          setSuccess(`Check ${email}: the link in our e-mail finishes your sign-up.`);
        }}
      >
        {kind === 'brand' ? (
          <>
            <Field label="Brand name" name="brandName" required maxLength={120} />
            <Field label="Your name" name="name" autoComplete="name" required maxLength={120} />
          </>
        ) : (
          <>
            <Field label="Display name" name="displayName" autoComplete="name" required />
            <Field label="Instagram handle" name="handle" hint="Like @yourname" required />
            <Field
              label="Country"
              name="country"
              hint="Two letters, like NL or DE"
              pattern="[A-Za-z]{2}"
              maxLength={2}
              required
            />
          </>
        )}
        <Field label="E-mail address" name="email" type="email" autoComplete="email" required />
        <button type="submit" disabled={busy}>
          Sign up
        </button>
        <p>
          {kind === 'brand' ? (
            <Link to="/sign-up/influencer">Are you an influencer?</Link>
          ) : (
            <Link to="/sign-up/brand">Signing up a brand?</Link>
          )}{' '}
          Have an account? <Link to="/sign-in">Sign in</Link>.
        </p>
      </form>
      <Notice error={error} success={success} />
    </Layout>
  );
}
