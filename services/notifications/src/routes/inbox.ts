import { HttpProblem, identityOf, parseParams, parseQuery } from '@campaign/service-runtime';
import { Router } from 'express';
import { z } from 'zod';
import type { InboxStore } from '../db/inbox-store';

const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
const NotificationParams = z.object({ notificationId: z.uuid() });

/** Everyone reads only their own inbox: the caller's identity is the only recipient filter. */
export function inboxRoutes(deps: { inbox: InboxStore }) {
  const router = Router();

  router.get('/notifications', async (req, res) => {
    const { limit } = parseQuery(ListQuery, req);
    res.json(await deps.inbox.list(identityOf(req).userId, limit));
  });

  router.post('/notifications/:notificationId/read', async (req, res) => {
    const { notificationId } = parseParams(NotificationParams, req);
    if (!(await deps.inbox.markRead(identityOf(req).userId, notificationId))) {
      throw new HttpProblem(
        404,
        'Notification not found',
        `There is no notification ${notificationId} for you.`,
      );
    }
    res.status(204).end();
  });

  return router;
}
