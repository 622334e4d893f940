import { useEffect, useState } from 'react';
import { exchangeSignInCode, requestSignInLink } from '../api/public-accounts';
import { problemText } from '../api/problem';
import { navigate, usePath } from '../app/router';
import { signIn, takeDestination } from '../app/session';
import { Field, Notice } from '../ui/Field';
import { Layout } from '../ui/Layout';
import { homeOf } from './home';

/**
 * Sign-in by a one-time link: ask for a link by e-mail; the link opens this page with `?code=`,
 * which is exchanged once for a session token.
 */
export function SignIn() {
  const { query } = usePath();
  const code = query.get('code');
  const [error, setError] = useState<string>();
  const [success, setSuccess] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!code) return;
    void exchangeSignInCode(code).then(({ data, problem }) => {
      if (!data) return setError(problemText(problem));
      signIn(data.token);
      navigate(takeDestination() ?? homeOf(data.identity.role));
    });
  }, [code]);

  return (
    <Layout title="Sign in">
      {code && !error ? (
        <p role="status">Signing you in…</p>
      ) : (
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            setBusy(true);
            const email = String(new FormData(event.currentTarget).get('email'));
            const { problem } = await requestSignInLink(email);
            setBusy(false);
            if (problem) return setError(problemText(problem));
            setError(undefined);
            setSuccess(
              `If ${email} has an account, a sign-in link is on its way. Open it on this device.`,
            );
          }}
        >
          <p>We e-mail you a link that signs you in; no password to remember.</p>
          <Field label="E-mail address" name="email" type="email" autoComplete="email" required />
          <button type="submit" disabled={busy}>
            E-mail me a sign-in link
          </button>
        </form>
      )}
      <Notice error={error} success={success} />
    </Layout>
  );
}
