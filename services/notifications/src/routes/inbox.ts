import { NotificationList } from '@campaign/contracts';
import { ApiRoutes, HttpProblem, parseParams, parseQuery, ROLES } from '@campaign/service-runtime';
import { z } from 'zod';
import type { InboxStore } from '../db/inbox-store';
import { inboxesOf } from '../domain/inboxes';

const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
const NotificationParams = z.object({ notificationId: z.uuid() });

/** Everyone reads only their own inbox (a brand user also their brand's): the identity decides. */
export function inboxRoutes(deps: { inbox: InboxStore }) {
  const routes = new ApiRoutes();

  routes.add(
    {
      method: 'get',
      path: '/notifications',
      summary: 'My in-app inbox, newest first, with the unread count',
      roles: ROLES,
      rolesNote: 'anyone signed in, their own inbox',
      query: ListQuery,
      success: { status: 200, description: 'The inbox', schema: NotificationList },
    },
    async (req, res, caller) => {
      const { limit } = parseQuery(ListQuery, req);
      res.json(await deps.inbox.list(inboxesOf(caller), limit));
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/notifications/:notificationId/read',
      summary: 'Mark one of my notifications read',
      roles: ROLES,
      rolesNote: 'the recipient',
      params: NotificationParams,
      success: { status: 204, description: 'Marked read' },
      refusals: [404],
    },
    async (req, res, caller) => {
      const { notificationId } = parseParams(NotificationParams, req);
      if (!(await deps.inbox.markRead(inboxesOf(caller), notificationId))) {
        throw new HttpProblem(
          404,
          'Notification not found',
          `There is no notification ${notificationId} for you.`,
        );
      }
      res.status(204).end();
    },
  );

  return routes;
}
