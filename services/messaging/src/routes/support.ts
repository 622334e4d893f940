import {
  MessageBody,
  MessagePageQuery,
  OpenSupportConversation,
  SupportAssignment,
  SupportConversationListQuery,
  SupportConversationPage,
  SupportConversationSummary,
  SupportConversationView,
  SupportMessageView,
} from '@campaign/contracts';
import {
  ApiRoutes,
  HttpProblem,
  cursorPosition,
  encodePageCursor,
  parseBody,
  parseParams,
  parseQuery,
  ROLES,
} from '@campaign/service-runtime';
import { z } from 'zod';
import type { SupportConversation, SupportMessage } from '../generated/prisma/client';
import {
  decodeQueueCursor,
  encodeQueueCursor,
  type Refusal,
  type SupportStore,
} from '../db/support-store';

/*
 * Customer-success chat. A brand user (for the brand) or an influencer opens a conversation with
 * its first message; ops see the queue, take one, reply and close it. Tenancy as everywhere: a
 * conversation another brand or another influencer owns answers 404, as one that does not exist.
 *
 * Decisions, each as a marketplace's support desk works:
 * - A brand's conversation is the brand's: every user of the brand reads it and writes in it, as
 *   the brand's Messenger conversations and its team inbox; an influencer's is theirs alone.
 * - Taking one another ops user holds is refused with 409 naming who holds it; `takeOver: true`
 *   takes it from them on purpose. An ops reply to one nobody has taken takes it.
 * - A closed conversation takes no message (409): the requester opens a new one, so a closed case
 *   stays closed with its history, and the queue never shows a case reopened behind ops' back.
 */

const ConversationParams = z.object({ supportConversationId: z.uuid() });

const notFound = (id: string) =>
  new HttpProblem(404, 'Conversation not found', `There is no support conversation ${id} for you.`);

function refusal(id: string, refused: Refusal): HttpProblem {
  switch (refused.refused) {
    case 'not-found':
      return notFound(id);
    case 'closed':
      return new HttpProblem(
        409,
        'Conversation closed',
        `Support conversation ${id} is closed and takes no more messages; open a new conversation with customer success.`,
      );
    case 'taken':
      return new HttpProblem(
        409,
        'Conversation taken',
        `Support conversation ${id} is taken by ops user ${refused.assigneeId}; send {"takeOver": true} to take it over.`,
      );
  }
}

function isRefusal<T extends object>(value: T | Refusal): value is Refusal {
  return 'refused' in value;
}

function toSummary(row: SupportConversation): SupportConversationSummary {
  return {
    id: row.id,
    requester:
      row.requesterRole === 'brand'
        ? { role: 'brand', brandId: row.brandId ?? '', userId: row.requesterId }
        : { role: 'influencer', userId: row.requesterId },
    campaignId: row.campaignId,
    state: row.state === 'closed' ? 'closed' : 'open',
    assigneeId: row.assigneeId,
    awaitingReply: row.awaitingReply,
    lastMessageAt: row.lastMessageAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}

function toMessage(row: SupportMessage): SupportMessageView {
  return {
    id: row.id,
    conversationId: row.conversationId,
    senderId: row.senderId,
    senderRole: SupportMessageView.shape.senderRole.parse(row.senderRole),
    body: row.body,
    createdAt: row.createdAt.toISOString(),
  };
}

export function supportRoutes(deps: { support: SupportStore }) {
  const routes = new ApiRoutes();

  routes.add(
    {
      method: 'post',
      path: '/support/conversations',
      summary: 'Open a conversation with customer success, with its first message',
      roles: ['brand', 'influencer'],
      rolesNote:
        'a brand user for their brand (every user of the brand reads it), an influencer for themselves',
      body: OpenSupportConversation,
      success: { status: 201, description: 'Opened', schema: SupportConversationView },
      refusals: [422],
    },
    async (req, res, requester) => {
      const { body, campaignId } = parseBody(OpenSupportConversation, req);
      if (campaignId !== undefined && !(await deps.support.concerns(requester, campaignId))) {
        // Another tenant's campaign and one that does not exist answer alike.
        throw new HttpProblem(
          422,
          'Not your campaign',
          `Campaign ${campaignId} is not one of yours: name a published campaign of your brand, or one you applied to or were invited to, or leave campaignId out.`,
          [{ path: 'body.campaignId', message: 'not one of your campaigns', code: 'not_yours' }],
        );
      }
      const { conversation, messages } = await deps.support.open(
        requester,
        body,
        campaignId ?? null,
      );
      res.status(201).json({
        ...toSummary(conversation),
        messages: messages.map(toMessage),
        olderCursor: null,
      });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/support/conversations',
      summary:
        'Support conversations: those awaiting a reply first, then the rest, each newest first',
      roles: ROLES,
      rolesNote: 'a brand its own, an influencer their own, ops every requester’s (the queue)',
      query: SupportConversationListQuery,
      success: { status: 200, description: 'Conversations', schema: SupportConversationPage },
    },
    async (req, res, caller) => {
      const { state, limit, cursor } = parseQuery(SupportConversationListQuery, req);
      const position = cursor === undefined ? null : decodeQueueCursor(cursor);
      if (cursor !== undefined && !position) {
        throw new HttpProblem(400, 'Invalid request', 'The cursor is not one this API returned.', [
          {
            path: 'query.cursor',
            message: 'not a cursor this API returned',
            code: 'invalid_cursor',
          },
        ]);
      }
      const rows = await deps.support.list(caller, state, limit, position);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      res.json({
        items: page.map(toSummary),
        nextCursor:
          rows.length > limit && last
            ? encodeQueueCursor({
                awaitingReply: last.awaitingReply,
                at: last.lastMessageAt,
                id: last.id,
              })
            : null,
      });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/support/conversations/:supportConversationId',
      summary: 'One support conversation with its newest messages (oldest first); scroll back',
      roles: ROLES,
      rolesNote: 'its requester (a brand: any of its users), ops',
      params: ConversationParams,
      query: MessagePageQuery,
      success: { status: 200, description: 'The conversation', schema: SupportConversationView },
      refusals: [404],
    },
    async (req, res, caller) => {
      const { supportConversationId: id } = parseParams(ConversationParams, req);
      const { limit, before } = parseQuery(MessagePageQuery, req);
      const position = cursorPosition(before);
      // Sealed cursors of other lists open too; only a message's own position names a message.
      if (position && !z.uuid().safeParse(position.id).success) {
        throw new HttpProblem(400, 'Invalid request', 'The cursor is not one this API returned.');
      }
      const read = await deps.support.read(caller, id, limit, position);
      if (!read) throw notFound(id);
      const page = read.messages.slice(0, limit);
      const oldest = page.at(-1);
      res.json({
        ...toSummary(read.conversation),
        messages: page.reverse().map(toMessage),
        olderCursor:
          read.messages.length > limit && oldest
            ? encodePageCursor({ at: oldest.createdAt, id: oldest.id })
            : null,
      });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/support/conversations/:supportConversationId/messages',
      summary: 'Write in a support conversation; the other side is notified once',
      roles: ROLES,
      rolesNote: 'its requester (a brand: any of its users), ops',
      params: ConversationParams,
      body: MessageBody,
      success: { status: 201, description: 'Posted', schema: SupportMessageView },
      refusals: [404, 409],
    },
    async (req, res, caller) => {
      const { supportConversationId: id } = parseParams(ConversationParams, req);
      const { body } = parseBody(MessageBody, req);
      const posted = await deps.support.post(caller, id, body);
      if (isRefusal(posted)) throw refusal(id, posted);
      res.status(201).json(toMessage(posted));
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/support/conversations/:supportConversationId/assignment',
      summary: 'Take a support conversation (ops); `takeOver` takes it from another ops user',
      roles: ['ops'],
      params: ConversationParams,
      body: SupportAssignment,
      success: { status: 200, description: 'Taken', schema: SupportConversationSummary },
      refusals: [404, 409],
    },
    async (req, res, ops) => {
      const { supportConversationId: id } = parseParams(ConversationParams, req);
      const { takeOver } = parseBody(SupportAssignment, req);
      const assigned = await deps.support.assign(ops, id, takeOver);
      if (isRefusal(assigned)) throw refusal(id, assigned);
      res.json(toSummary(assigned));
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/support/conversations/:supportConversationId/close',
      summary: 'Close a support conversation (ops); it takes no more messages',
      roles: ['ops'],
      params: ConversationParams,
      success: { status: 200, description: 'Closed', schema: SupportConversationSummary },
      refusals: [404, 409],
    },
    async (req, res, ops) => {
      const { supportConversationId: id } = parseParams(ConversationParams, req);
      const closed = await deps.support.close(ops, id);
      if (isRefusal(closed)) throw refusal(id, closed);
      res.json(toSummary(closed));
    },
  );

  return routes;
}
