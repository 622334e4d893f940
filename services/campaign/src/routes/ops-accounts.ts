import {
  BrandsForOps,
  BrandForOps,
  OpsAccount,
  PersonInvitation,
  PlanChange,
  PlanChangeLog,
} from '@campaign/contracts';
import {
  ApiRoutes,
  HttpProblem,
  parseBody,
  parseParams,
  parseQuery,
  principalKey,
} from '@campaign/service-runtime';
import { z } from 'zod';
import type { AccountStore } from '../accounts/account-store';

const OPS = { roles: ['ops' as const] };
const BrandParams = z.object({ brandId: z.string().min(1).max(100) }).strict();
const BrandsQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(500).default(100) })
  .strict();

const noBrand = (brandId: string) =>
  new HttpProblem(404, 'No brand', `There is no brand ${brandId}.`);

const brandForOps = (brand: {
  id: string;
  name: string;
  plan: BrandForOps['plan'];
  userCount: number;
  createdAt: Date;
}): BrandForOps => ({
  id: brand.id,
  name: brand.name,
  plan: brand.plan,
  userCount: brand.userCount,
  createdAt: brand.createdAt.toISOString(),
});

/** Customer success: their colleagues' accounts, every brand, and a brand's plan (audited). */
export function opsAccountRoutes(deps: { accounts: AccountStore }) {
  const routes = new ApiRoutes();

  routes.add(
    {
      method: 'post',
      path: '/ops/accounts',
      summary: 'Create an ops account (customer success), mailed a sign-in link',
      ...OPS,
      body: PersonInvitation,
      success: { status: 201, description: 'The new ops account', schema: OpsAccount },
      refusals: [409],
    },
    async (req, res) => {
      const person = parseBody(PersonInvitation, req);
      const created = await deps.accounts.createOps(person);
      if (created.exists) {
        throw new HttpProblem(409, 'Already ops', 'That address already has an ops account.');
      }
      const { account } = created;
      res.status(201).json({ userId: account.id, name: account.name, email: account.email });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/ops/brands',
      summary: 'Every brand with its plan and number of users, newest first',
      ...OPS,
      query: BrandsQuery,
      success: { status: 200, description: 'Brands', schema: BrandsForOps },
    },
    async (req, res) => {
      const { limit } = parseQuery(BrandsQuery, req);
      res.json({ items: (await deps.accounts.brands(limit)).map(brandForOps) });
    },
  );

  routes.add(
    {
      method: 'put',
      path: '/ops/brands/:brandId/plan',
      summary: "Change a brand's plan, with the reason (audited)",
      ...OPS,
      params: BrandParams,
      body: PlanChange,
      success: { status: 200, description: 'The brand on its new plan', schema: BrandForOps },
      refusals: [404],
    },
    async (req, res, ops) => {
      const { brandId } = parseParams(BrandParams, req);
      const { plan, reason } = parseBody(PlanChange, req);
      const brand = await deps.accounts.changePlan(brandId, plan, reason, principalKey(ops));
      if (!brand) throw noBrand(brandId);
      res.json(brandForOps(brand));
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/ops/brands/:brandId/plan-changes',
      summary: "The audit of a brand's plan: who changed it, when, from what to what, and why",
      ...OPS,
      params: BrandParams,
      success: { status: 200, description: 'Plan changes, newest first', schema: PlanChangeLog },
      refusals: [404],
    },
    async (req, res) => {
      const { brandId } = parseParams(BrandParams, req);
      const changes = await deps.accounts.planChanges(brandId);
      if (!changes) throw noBrand(brandId);
      res.json({ items: changes.map((change) => ({ ...change, at: change.at.toISOString() })) });
    },
  );

  return routes;
}
