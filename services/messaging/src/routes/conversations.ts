import {
  ConversationListQuery,
  ConversationPage,
  MessageBody,
  MessagePage,
  MessagePageQuery,
  MessageView,
} from '@campaign/contracts';
import {
  ApiRoutes,
  HttpProblem,
  cursorPosition,
  pageOf,
  parseBody,
  parseParams,
  parseQuery,
  ROLES,
} from '@campaign/service-runtime';
import { z } from 'zod';
import type { ConversationStore } from '../db/conversation-store';
import { toMessageView } from './message-view';

const ConversationParams = z.object({ conversationId: z.uuid() });
const conversationNotFound = (conversationId: string) =>
  new HttpProblem(
    404,
    'Conversation not found',
    `There is no conversation ${conversationId} for you.`,
  );

export function conversationRoutes(deps: { conversations: ConversationStore }) {
  const routes = new ApiRoutes();
  routes.add(
    {
      method: 'get',
      path: '/conversations',
      summary: 'My conversations, newest first',
      roles: ROLES,
      rolesNote: 'a brand its conversations, an influencer their own, ops all',
      query: ConversationListQuery,
      success: { status: 200, description: 'Conversations', schema: ConversationPage },
    },
    async (req, res, caller) => {
      const { limit, cursor } = parseQuery(ConversationListQuery, req);
      const rows = await deps.conversations.list(caller, limit, cursorPosition(cursor));
      const { page, nextCursor } = pageOf(rows, limit, (row) => ({
        at: row.createdAt,
        id: row.id,
      }));
      res.json({
        nextCursor,
        items: page.map((row) => ({
          id: row.id,
          campaignId: row.campaignId,
          brandId: row.brandId,
          influencerId: row.influencerId,
          createdAt: row.createdAt.toISOString(),
        })),
      });
    },
  );
  routes.add(
    {
      method: 'get',
      path: '/conversations/:conversationId/messages',
      summary: 'A page of one of my conversations: the newest messages, then older ones',
      roles: ROLES,
      rolesNote: 'its brand, its influencer, ops',
      params: ConversationParams,
      query: MessagePageQuery,
      success: { status: 200, description: 'Messages, oldest first', schema: MessagePage },
      refusals: [404],
    },
    async (req, res, caller) => {
      const { conversationId } = parseParams(ConversationParams, req);
      const { limit, before } = parseQuery(MessagePageQuery, req);
      const messages = await deps.conversations.messages(
        caller,
        conversationId,
        limit,
        cursorPosition(before),
      );
      if (!messages) throw conversationNotFound(conversationId);
      const { page, nextCursor } = pageOf(messages, limit, (message) => ({
        at: message.createdAt,
        id: message.id,
      }));
      res.json({ items: page.reverse().map(toMessageView), olderCursor: nextCursor });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/conversations/:conversationId/messages',
      summary: 'Write in one of my conversations; the other side is notified',
      roles: ROLES,
      rolesNote: 'its brand, its influencer, ops',
      params: ConversationParams,
      body: MessageBody,
      success: { status: 201, description: 'Posted', schema: MessageView },
      refusals: [404],
    },
    async (req, res, caller) => {
      const { conversationId } = parseParams(ConversationParams, req);
      const { body } = parseBody(MessageBody, req);
      const message = await deps.conversations.post(caller, conversationId, body);
      if (!message) throw conversationNotFound(conversationId);
      res.status(201).json(toMessageView(message));
    },
  );

  return routes;
}
