import { identityOf } from '@campaign/service-runtime';
import { Router } from 'express';
import type { ConversationStore } from '../db/conversation-store';

export function conversationRoutes(deps: { conversations: ConversationStore }) {
  const router = Router();
  router.get('/conversations', async (req, res) => {
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
  });
  return router;
}
