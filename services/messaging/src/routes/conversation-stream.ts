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
import type { LiveConversations } from '../db/live-conversations';

const ConversationParams = z.object({ conversationId: z.uuid() });

/** Following one conversation live: only those who take part in it, as for reading it. */
export function conversationStreamRoutes(deps: {
  liveConversations: LiveConversations;
  logger: Logger;
  /** The process's listener on `conversation_live`; without one nobody can follow live. */
  live?: StreamListener;
}) {
  const routes = new ApiRoutes();
  routes.add(
    {
      method: 'get',
      path: '/conversations/:conversationId/stream',
      summary:
        'Follow one of my conversations live (Server-Sent Events), resuming after Last-Event-ID',
      roles: ROLES,
      rolesNote: 'its brand, its influencer, ops',
      params: ConversationParams,
      headers: EventStreamHeaders,
      query: EventStreamQuery,
      success: {
        status: 200,
        description:
          'An event `message` per new message of the conversation (data: the message as `GET /conversations/{conversationId}/messages` shows it), oldest first; its `id` is the position to resume from with `Last-Event-ID`.',
      },
      refusals: [404, 429],
      eventStream: { event: 'message' },
    },
    async (req, res, caller) => {
      const { conversationId } = parseParams(ConversationParams, req);
      const { 'last-event-id': lastEventId } = parseHeaders(EventStreamHeaders, req);
      const { after } = parseQuery(EventStreamQuery, req);
      // Another tenant's conversation is not there for the caller: 404, as for reading it.
      if (!(await deps.liveConversations.mayFollow(caller, conversationId))) {
        throw new HttpProblem(
          404,
          'Conversation not found',
          `There is no conversation ${conversationId} for you.`,
        );
      }
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
          keys: [conversationId],
          heads: async () => [await deps.liveConversations.head(conversationId)],
          after: (_index, position, limit) =>
            deps.liveConversations.after(conversationId, position, limit),
        },
      });
    },
  );
  return routes;
}
