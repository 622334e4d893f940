import { ApiRoutes, parseQuery } from '@campaign/service-runtime';
import { z } from 'zod';
import type { CampaignDb } from '../db/prisma-client';

const AuditQuery = z
  .object({
    campaignId: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

const AuditLog = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      campaignId: z.uuid(),
      actor: z.string(),
      action: z.string(),
      influencerId: z.string().nullable(),
      reason: z.string(),
      at: z.iso.datetime(),
    }),
  ),
});

/** Every ops action (close early, manual add), newest first: who, on what, and why. */
export function opsAuditRoutes(deps: { db: CampaignDb }) {
  const routes = new ApiRoutes();
  routes.add(
    {
      method: 'get',
      path: '/ops/audit',
      summary: 'The audit log of ops actions',
      roles: ['ops'],
      query: AuditQuery,
      success: { status: 200, description: 'Audit records', schema: AuditLog },
    },
    async (req, res) => {
      const { campaignId, limit } = parseQuery(AuditQuery, req);
      const rows = await deps.db.opsAction.findMany({
        where: campaignId ? { campaignId } : {},
        orderBy: [{ at: 'desc' }, { id: 'asc' }],
        take: limit,
      });
      res.json({ items: rows.map((row) => ({ ...row, at: row.at.toISOString() })) });
    },
  );
  return routes;
}
