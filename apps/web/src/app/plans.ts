/** The plans a brand can be on, in the product's words; the services decide what each allows. */
export type PlanName = 'starter' | 'professional' | 'enterprise';

export const PLAN_NAMES: Record<PlanName, string> = {
  starter: 'Starter',
  professional: 'Professional',
  enterprise: 'Enterprise',
};

export const PLANS = Object.keys(PLAN_NAMES) as PlanName[];
