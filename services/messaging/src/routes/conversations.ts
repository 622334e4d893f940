import { ApiRoutes, identityOf } from '@campaign/service-runtime';
import { z } from 'zod';
import type { ConversationStore } from '../db/conversation-store';

const ConversationList = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      campaignId: z.uuid().nullable(),
      brandId: z.string(),
      influencerId: z.string(),
      createdAt: z.iso.datetime(),
    }),
  ),
});

export function conversationRoutes(deps: { conversations: ConversationStore }) {
  const routes = new ApiRoutes();
  routes.add(
    {
      method: 'get',
      path: '/conversations',
      summary: 'My conversations',
      roles: 'a brand (its conversations), an influencer (their own), ops (all)',
      success: { status: 200, description: 'Conversations', schema: ConversationList },
    },
    async (req, res) => {
      const rows = await deps.conversations.list(identityOf(req));
      res.json({
        items: rows.map((row) => ({
          id: row.id,
          campaignId: row.campaignId,
          brandId: row.brandId,
          influencerId: row.influencerId,
          createdAt: row.createdAt.toISOString(),
        })),
      });
    },
  );
  return routes;
}
