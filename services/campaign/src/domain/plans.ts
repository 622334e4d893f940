import type { PlanName } from '@campaign/contracts';

const label: Record<PlanName, string> = {
  starter: 'Starter',
  professional: 'Professional',
  enterprise: 'Enterprise',
};

/** Network search and invites are part of the Professional and Enterprise plans. */
export function networkRefusal(plan: PlanName | null): string | null {
  if (plan === 'professional' || plan === 'enterprise') return null;
  return `Searching the Network and inviting influencers need a Professional or Enterprise plan; your brand is on ${plan ? label[plan] : 'no plan'}.`;
}
