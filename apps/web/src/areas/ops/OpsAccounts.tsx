import { useState } from 'react';
import { campaignApi } from '../../api/clients';
import { problemText } from '../../api/problem';
import { Field, Notice } from '../../ui/Field';
import { Layout } from '../../ui/Layout';

/** Customer success adds a colleague: an ops account, mailed a sign-in link. */
export function OpsAccounts() {
  const [refusal, setRefusal] = useState<string>();
  const [success, setSuccess] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <Layout title="Ops accounts">
      <form
        aria-labelledby="colleague-title"
        onSubmit={async (event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const values = new FormData(form);
          const email = String(values.get('email')).trim();
          setBusy(true);
          const { data: created, error: refused } = await campaignApi.POST('/ops/accounts', {
            body: { name: String(values.get('name')).trim(), email },
          });
          setBusy(false);
          if (!created) {
            setSuccess(undefined);
            return setRefusal(problemText(refused));
          }
          setRefusal(undefined);
          setSuccess(
            `${created.name} has an ops account: a sign-in link is on its way to ${email}.`,
          );
          form.reset();
        }}
      >
        <h2 id="colleague-title">Create an ops account</h2>
        <p>For a colleague in customer success; brands and influencers sign up themselves.</p>
        <Field label="Colleague's name" name="name" autoComplete="off" required maxLength={80} />
        <Field label="Colleague's e-mail address" name="email" type="email" required />
        <button type="submit" disabled={busy}>
          Create ops account
        </button>
      </form>
      <Notice error={refusal} success={success} />
    </Layout>
  );
}
