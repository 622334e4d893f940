import { NotificationList } from '@campaign/contracts';
import {
  ApiRoutes,
  EventStreamHeaders,
  EventStreamQuery,
  HttpProblem,
  followStreams,
  parseHeaders,
  parseParams,
  parseQuery,
  ROLES,
  type Logger,
  type StreamListener,
} from '@campaign/service-runtime';
import { z } from 'zod';
import type { InboxStore } from '../db/inbox-store';
import { inboxesOf } from '../domain/inboxes';

const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
const NotificationParams = z.object({ notificationId: z.uuid() });

/** Everyone reads only their own inbox (a brand user also their brand's): the identity decides. */
export function inboxRoutes(deps: {
  inbox: InboxStore;
  logger: Logger;
  /** The process's listener on the `inbox_live` channel; without one nobody can follow live. */
  live?: StreamListener;
}) {
  const routes = new ApiRoutes();

  routes.add(
    {
      method: 'get',
      path: '/notifications/stream',
      summary: 'Follow my inbox live (Server-Sent Events), resuming after Last-Event-ID',
      roles: ROLES,
      rolesNote:
        'anyone signed in, their own inbox only (a brand user also their brand’s team inbox), keyed by the whole principal',
      headers: EventStreamHeaders,
      query: EventStreamQuery,
      success: {
        status: 200,
        description:
          'An event `notification` per new notification of the inbox (data: the notification as `GET /notifications` lists it), oldest first; its `id` is the position to resume from with `Last-Event-ID`.',
      },
      refusals: [429],
      eventStream: { event: 'notification' },
    },
    async (req, res, caller) => {
      const { 'last-event-id': lastEventId } = parseHeaders(EventStreamHeaders, req);
      const { after } = parseQuery(EventStreamQuery, req);
      // The inboxes come from the verified identity alone: nobody can name another's.
      const inboxes = inboxesOf(caller);
      await followStreams({
        req,
        res,
        listener: deps.live,
        logger: deps.logger,
        resume:
          lastEventId !== undefined
            ? { value: lastEventId, from: 'header.last-event-id' }
            : after !== undefined
              ? { value: after, from: 'query.after' }
              : undefined,
        streams: {
          keys: inboxes,
          heads: () => deps.inbox.heads(inboxes),
          after: (index, position, limit) => deps.inbox.after(inboxes[index]!, position, limit),
        },
      });
    },
  );

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
