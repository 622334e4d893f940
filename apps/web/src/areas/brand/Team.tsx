import { useState } from 'react';
import { campaignApi } from '../../api/clients';
import { problemText } from '../../api/problem';
import { Field, Notice } from '../../ui/Field';
import { Layout } from '../../ui/Layout';
import { ShowMore } from '../../ui/ShowMore';
import { useLoad } from '../../ui/use-load';

/**
 * My brand's team: its users with their addresses (the team sees each other's; the API shows them
 * to this brand only) and when they joined; invite a teammate, who gets a sign-in link by e-mail.
 */
export function Team() {
  const { data, error, reload } = useLoad(() => campaignApi.GET('/brand/team', {}), []);
  const [refusal, setRefusal] = useState<string>();
  const [success, setSuccess] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <Layout title="Team">
      {error && <p role="alert">{error}</p>}
      {data && (
        <ShowMore
          items={data.items}
          label="Team members"
          render={(member) => (
            <li key={member.userId} className="row">
              <span>
                <strong>{member.name}</strong> · <span className="email">{member.email}</span> ·{' '}
                {member.joinedAt ? (
                  <>
                    joined{' '}
                    <time dateTime={member.joinedAt}>
                      {new Date(member.joinedAt).toLocaleDateString()}
                    </time>
                  </>
                ) : (
                  'invited, not signed in yet'
                )}
              </span>
            </li>
          )}
        />
      )}
      <form
        aria-labelledby="invite-title"
        onSubmit={async (event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const values = new FormData(form);
          const email = String(values.get('email')).trim();
          setBusy(true);
          const { data: invited, error: refused } = await campaignApi.POST(
            '/brand/team/invitations',
            { body: { name: String(values.get('name')).trim(), email } },
          );
          setBusy(false);
          if (!invited) {
            setSuccess(undefined);
            return setRefusal(problemText(refused));
          }
          setRefusal(undefined);
          setSuccess(`${invited.name} is invited: a sign-in link is on its way to ${email}.`);
          form.reset();
          await reload();
        }}
      >
        <h2 id="invite-title">Invite a teammate</h2>
        <Field label="Teammate's name" name="name" autoComplete="off" required maxLength={80} />
        <Field label="Teammate's e-mail address" name="email" type="email" required />
        <button type="submit" disabled={busy}>
          Invite teammate
        </button>
      </form>
      <Notice error={refusal} success={success} />
    </Layout>
  );
}
