import { useState } from 'react';
import { campaignApi } from '../../api/clients';
import { problemText } from '../../api/problem';
import { PLAN_NAMES, PLANS } from '../../app/plans';
import { Field, Notice } from '../../ui/Field';
import { Layout } from '../../ui/Layout';
import { ShowMore } from '../../ui/ShowMore';
import { useLoad } from '../../ui/use-load';

/**
 * One brand for customer success: its plan, a change of plan with the reason (what the Network
 * and invitations check from then on), and every change so far: who, when, from → to, why.
 */
export function BrandPlan({ brandId }: { brandId: string }) {
  const brands = useLoad(
    () => campaignApi.GET('/ops/brands', { params: { query: { limit: 500 } } }),
    [],
  );
  const changes = useLoad(
    () => campaignApi.GET('/ops/brands/{brandId}/plan-changes', { params: { path: { brandId } } }),
    [brandId],
  );
  const [refusal, setRefusal] = useState<string>();
  const [success, setSuccess] = useState<string>();
  const [busy, setBusy] = useState(false);
  const brand = brands.data?.items.find((b) => b.id === brandId);
  return (
    <Layout title={brand?.name ?? 'Brand'}>
      {(brands.error ?? changes.error) && <p role="alert">{brands.error ?? changes.error}</p>}
      {brand && (
        <p className="meta">
          {brand.id} · on <strong>{PLAN_NAMES[brand.plan]}</strong> · {brand.userCount}{' '}
          {brand.userCount === 1 ? 'user' : 'users'}
        </p>
      )}
      <form
        aria-labelledby="plan-title"
        onSubmit={async (event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const values = new FormData(form);
          const plan = String(values.get('plan')) as (typeof PLANS)[number];
          setBusy(true);
          const { data: changed, error: refused } = await campaignApi.PUT(
            '/ops/brands/{brandId}/plan',
            {
              params: { path: { brandId } },
              body: { plan, reason: String(values.get('reason')).trim() },
            },
          );
          setBusy(false);
          if (!changed) {
            setSuccess(undefined);
            return setRefusal(problemText(refused));
          }
          setRefusal(undefined);
          setSuccess(`${changed.name} is now on ${PLAN_NAMES[changed.plan]}.`);
          form.reset();
          await Promise.all([brands.reload(), changes.reload()]);
        }}
      >
        <h2 id="plan-title">Change the plan</h2>
        <div className="field">
          <label htmlFor="new-plan">New plan</label>
          <select id="new-plan" name="plan" required defaultValue="">
            <option value="" disabled>
              Choose a plan
            </option>
            {PLANS.map((name) => (
              <option key={name} value={name}>
                {PLAN_NAMES[name]}
              </option>
            ))}
          </select>
        </div>
        <Field label="Reason for the change" name="reason" required maxLength={500} />
        <button type="submit" disabled={busy}>
          Change plan
        </button>
      </form>
      <Notice error={refusal} success={success} />
      <h2>Changes of plan</h2>
      {changes.data && changes.data.items.length === 0 && (
        <p>None yet: the brand started on Starter.</p>
      )}
      {changes.data && (
        <ShowMore
          items={changes.data.items}
          label="Changes of plan"
          render={(change) => (
            <li key={change.id} className="row">
              <span>
                <time dateTime={change.at}>{new Date(change.at).toLocaleString()}</time>:{' '}
                {PLAN_NAMES[change.fromPlan]} → {PLAN_NAMES[change.toPlan]} by {change.actor}. “
                {change.reason}”
              </span>
            </li>
          )}
        />
      )}
    </Layout>
  );
}
