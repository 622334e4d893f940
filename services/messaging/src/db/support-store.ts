import {
  brandTeamKey,
  influencerKey,
  openCursor,
  principalKey,
  sealCursor,
  traceColumns,
  type Caller,
  type Identity,
  type PagePosition,
} from '@campaign/service-runtime';
import { z } from 'zod';
import type { Prisma, SupportConversation, SupportMessage } from '../generated/prisma/client';
import type { MessagingDb } from './prisma-client';

/** Who may open a support conversation: the people customer success helps. */
export type Requester = Caller<'brand' | 'influencer'>;

/**
 * Whose a conversation is. A brand user's belongs to the brand, as its Messenger conversations
 * and its team inbox do: any user of the brand reads it and writes in it, so a colleague can
 * follow up while the opener is away. An influencer's is theirs alone.
 */
export function ownerKeyOf(requester: Requester): string {
  return requester.role === 'brand'
    ? brandTeamKey(requester.brandId)
    : influencerKey(requester.userId);
}

/** Ops read and write every conversation; everyone else only their own (their brand's). */
export function canReach(identity: Identity, conversation: SupportConversation): boolean {
  return identity.role === 'ops' || ownerKeyOf(identity) === conversation.ownerKey;
}

/** Where a page of the list ended: awaiting-reply first, then newest activity, then id. */
export type QueuePosition = { awaitingReply: boolean; at: Date; id: string };

const SealedQueuePosition = z.object({
  w: z.boolean(),
  at: z.iso
    .datetime()
    .transform((at) => new Date(at))
    .refine((at) => at.getUTCFullYear() >= 1970 && at.getUTCFullYear() <= 9999),
  id: z.uuid(),
});

export function encodeQueueCursor(position: QueuePosition): string {
  return sealCursor({ w: position.awaitingReply, at: position.at.toISOString(), id: position.id });
}

/** The position a cursor names; null for anything this API did not hand out for this list. */
export function decodeQueueCursor(cursor: string): QueuePosition | null {
  const sealed = openCursor(cursor, SealedQueuePosition);
  return sealed ? { awaitingReply: sealed.w, at: sealed.at, id: sealed.id } : null;
}

/** The rows after `position` in the order (awaitingReply desc, lastMessageAt desc, id asc). */
function after(position: QueuePosition | null): Prisma.SupportConversationWhereInput {
  if (!position) return {};
  const { awaitingReply, at, id } = position;
  return {
    OR: [
      // false sorts after true in a descending order: only the answered come after the awaiting.
      ...(awaitingReply ? [{ awaitingReply: false }] : []),
      { awaitingReply, lastMessageAt: { lt: at } },
      { awaitingReply, lastMessageAt: at, id: { gt: id } },
    ],
  };
}

/** Why a write to a conversation did not happen (the caller is told in words). */
export type Refusal =
  { refused: 'not-found' } | { refused: 'closed' } | { refused: 'taken'; assigneeId: string };

export type SupportStore = ReturnType<typeof createSupportStore>;

export function createSupportStore(db: MessagingDb) {
  /** The conversation, if the caller may reach it; another's answers as if it were not there. */
  async function reachable(identity: Identity, id: string) {
    const conversation = await db.supportConversation.findUnique({ where: { id } });
    return conversation && canReach(identity, conversation) ? conversation : null;
  }

  return {
    /** Whether a campaign is the requester's own, as the campaign's events named its parties. */
    async concerns(requester: Requester, campaignId: string): Promise<boolean> {
      const party = await db.campaignParty.findUnique({
        where: { campaignId_partyKey: { campaignId, partyKey: ownerKeyOf(requester) } },
      });
      return party !== null;
    },

    /** Records who a campaign belongs to or concerns; safe to repeat. */
    async recordParties(campaignId: string, partyKeys: string[]): Promise<void> {
      if (partyKeys.length === 0) return;
      await db.campaignParty.createMany({
        data: [...new Set(partyKeys)].map((partyKey) => ({ campaignId, partyKey })),
        skipDuplicates: true,
      });
    },

    /** Opens a conversation with its first message, in one transaction. */
    async open(requester: Requester, body: string, campaignId: string | null) {
      const now = new Date();
      return db.$transaction(async (tx) => {
        const conversation = await tx.supportConversation.create({
          data: {
            ownerKey: ownerKeyOf(requester),
            requesterRole: requester.role,
            requesterId: requester.userId,
            brandId: requester.role === 'brand' ? requester.brandId : null,
            campaignId,
            createdAt: now,
            lastMessageAt: now,
          },
        });
        const message = await tx.supportMessage.create({
          data: {
            conversationId: conversation.id,
            senderId: requester.userId,
            senderRole: requester.role,
            body,
            createdAt: now,
            ...traceColumns(),
          },
        });
        return { conversation, messages: [message] };
      });
    },

    /**
     * Up to `limit + 1` conversations of a state the caller reaches (ops: everyone's), those
     * awaiting a reply first, then the rest, each newest activity first.
     */
    list(
      identity: Identity,
      state: 'open' | 'closed' | 'all',
      limit: number,
      position: QueuePosition | null,
    ) {
      return db.supportConversation.findMany({
        where: {
          ...(identity.role === 'ops' ? {} : { ownerKey: ownerKeyOf(identity) }),
          ...(state === 'all' ? {} : { state }),
          ...after(position),
        },
        orderBy: [{ awaitingReply: 'desc' }, { lastMessageAt: 'desc' }, { id: 'asc' }],
        take: limit + 1,
      });
    },

    /** A conversation and up to `limit + 1` of its messages before `before`, newest first. */
    async read(identity: Identity, id: string, limit: number, before: PagePosition | null) {
      const conversation = await reachable(identity, id);
      if (!conversation) return null;
      const messages = await db.supportMessage.findMany({
        where: {
          conversationId: id,
          ...(before
            ? {
                OR: [
                  { createdAt: { lt: before.at } },
                  { createdAt: before.at, id: { lt: before.id } },
                ],
              }
            : {}),
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: limit + 1,
      });
      return { conversation, messages };
    },

    /**
     * Writes a message as the caller. The requester's side marks it awaiting a reply; ops mark it
     * answered, and an ops reply to a conversation nobody has taken takes it. A closed one takes
     * no message: the check and the write are one conditional update, so a close racing a post
     * lets exactly one of them win.
     */
    async post(
      identity: Identity,
      id: string,
      body: string,
    ): Promise<SupportMessage | Exclude<Refusal, { refused: 'taken' }>> {
      if (!(await reachable(identity, id))) return { refused: 'not-found' };
      return db.$transaction(async (tx) => {
        const now = new Date();
        const fromOps = identity.role === 'ops';
        const { count } = await tx.supportConversation.updateMany({
          where: { id, state: 'open' },
          data: { awaitingReply: !fromOps, lastMessageAt: now },
        });
        if (count === 0) return { refused: 'closed' as const };
        if (fromOps) {
          await tx.supportConversation.updateMany({
            where: { id, assigneeId: null },
            data: { assigneeId: identity.userId },
          });
        }
        const { assigneeId } = await tx.supportConversation.findUniqueOrThrow({ where: { id } });
        return tx.supportMessage.create({
          data: {
            conversationId: id,
            senderId: identity.userId,
            senderRole: identity.role,
            body,
            assigneeId,
            createdAt: now,
            ...traceColumns(),
          },
        });
      });
    },

    /**
     * Ops take a conversation. Taking one already theirs changes nothing; one another ops user
     * holds is refused unless `takeOver` says to take it from them.
     */
    async assign(
      ops: Caller<'ops'>,
      id: string,
      takeOver: boolean,
    ): Promise<SupportConversation | Refusal> {
      const { count } = await db.supportConversation.updateMany({
        where: {
          id,
          state: 'open',
          ...(takeOver ? {} : { OR: [{ assigneeId: null }, { assigneeId: ops.userId }] }),
        },
        data: { assigneeId: ops.userId },
      });
      const conversation = await db.supportConversation.findUnique({ where: { id } });
      if (!conversation) return { refused: 'not-found' };
      if (count > 0) return conversation;
      if (conversation.state === 'closed') return { refused: 'closed' };
      return { refused: 'taken', assigneeId: conversation.assigneeId ?? '' };
    },

    /** Ops close an open conversation; it takes no more messages. */
    async close(ops: Caller<'ops'>, id: string): Promise<SupportConversation | Refusal> {
      const { count } = await db.supportConversation.updateMany({
        where: { id, state: 'open' },
        data: {
          state: 'closed',
          closedAt: new Date(),
          closedBy: principalKey(ops),
          awaitingReply: false,
        },
      });
      const conversation = await db.supportConversation.findUnique({ where: { id } });
      if (!conversation) return { refused: 'not-found' };
      return count > 0 ? conversation : { refused: 'closed' };
    },
  };
}
