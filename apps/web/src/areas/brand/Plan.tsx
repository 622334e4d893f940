import { campaignApi } from '../../api/clients';
import { PLAN_NAMES, PLANS, type PlanName } from '../../app/plans';
import { Layout } from '../../ui/Layout';
import { useLoad } from '../../ui/use-load';

/** What each plan allows, as the services enforce it (the Network's refusal names the same). */
const FEATURES: { feature: string; plans: PlanName[] }[] = [
  {
    feature: 'Campaigns, applicants, agreements, the collaboration, results and chat',
    plans: ['starter', 'professional', 'enterprise'],
  },
  {
    feature: 'Searching the Network and sending invitations for a campaign',
    plans: ['professional', 'enterprise'],
  },
];

/** The plan my brand is on (as stored: what the APIs enforce) and what each plan allows. */
export function Plan() {
  // Asked afresh (not the header's answer): ops may have changed the plan since sign-in.
  const { data: account, error } = useLoad(() => campaignApi.GET('/me/account', {}), []);
  const plan = account?.brand?.plan;
  return (
    <Layout title="Plan">
      {error && <p role="alert">{error}</p>}
      {plan ? (
        <p>
          {account.brand?.name} is on the <strong>{PLAN_NAMES[plan]}</strong> plan.
          {plan === 'starter' &&
            ' To search the Network and invite influencers, ask customer success to move you to Professional or Enterprise.'}
        </p>
      ) : (
        !error && <p role="status">Looking up your plan…</p>
      )}
      {/* A region that scrolls sideways (by keyboard too) when the table is wider than a phone. */}
      <div className="table-scroll" role="region" aria-labelledby="plans-caption" tabIndex={0}>
        <table className="plans">
          <caption id="plans-caption" className="visually-hidden">
            What each plan allows
          </caption>
          <thead>
            <tr>
              <th scope="col">What you can do</th>
              {PLANS.map((name) => (
                <th
                  key={name}
                  scope="col"
                  className={name === plan ? 'current-plan' : undefined}
                  aria-current={name === plan ? 'true' : undefined}
                >
                  {PLAN_NAMES[name]}
                  {name === plan && ' (yours)'}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {FEATURES.map(({ feature, plans }) => (
              <tr key={feature}>
                <th scope="row">{feature}</th>
                {PLANS.map((name) => (
                  <td key={name}>{plans.includes(name) ? 'Yes' : 'No'}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">
        Customer success changes a brand&apos;s plan; every change is recorded.
      </p>
    </Layout>
  );
}
