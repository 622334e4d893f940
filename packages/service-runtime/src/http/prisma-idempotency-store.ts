import type { IdempotencyClaim, IdempotencyStore } from './idempotency';

/**
 * A request that died mid-way leaves its key claimed; once its lease is this old it may be taken
 * over. A live request renews its lease every 2 s (see `idempotency.ts`), so only a dead one
 * lapses. `createdAt` of an unfinished key is its lease: the claim's or the last renewal's time.
 */
const ABANDONED_AFTER_MS = 8_000;

type Slot = { scope: string; key: string };

/**
 * The part of a Prisma client's `idempotencyKey` model this store uses. Every service declares
 * the same `IdempotencyKey` model (table `idempotency_keys`) in its own schema, so one store
 * serves them all, each in its own database.
 */
export type IdempotencyKeyModel = {
  createMany(args: {
    data: { scope: string; key: string; requestHash: string }[];
    skipDuplicates: boolean;
  }): PromiseLike<{ count: number }>;
  updateMany(args: {
    where: Slot & { status: null; createdAt?: { lt: Date } };
    data: { requestHash?: string; createdAt: Date };
  }): PromiseLike<{ count: number }>;
  findUniqueOrThrow(args: {
    where: { scope_key: Slot };
  }): PromiseLike<{ requestHash: string; status: number | null; body: unknown }>;
  update(args: {
    where: { scope_key: Slot };
    data: { status: number; body: { reply: never } };
  }): PromiseLike<unknown>;
  deleteMany(args: { where: Slot & { status: null } }): PromiseLike<unknown>;
};

export function createPrismaIdempotencyStore(keys: IdempotencyKeyModel): IdempotencyStore {
  return {
    async claim(scope, key, requestHash): Promise<IdempotencyClaim> {
      const { count } = await keys.createMany({
        data: [{ scope, key, requestHash }],
        skipDuplicates: true,
      });
      if (count === 1) return { state: 'claimed' };
      const reclaimed = await keys.updateMany({
        where: {
          scope,
          key,
          status: null,
          createdAt: { lt: new Date(Date.now() - ABANDONED_AFTER_MS) },
        },
        data: { requestHash, createdAt: new Date() },
      });
      if (reclaimed.count === 1) return { state: 'claimed' };
      const row = await keys.findUniqueOrThrow({ where: { scope_key: { scope, key } } });
      return row.status === null
        ? { state: 'in-progress', requestHash: row.requestHash }
        : {
            state: 'completed',
            requestHash: row.requestHash,
            status: row.status,
            body: storedReply(row.body),
          };
    },

    async complete(scope, key, status, body) {
      // Wrapped, so a reply without a body is stored as JSON too (not as SQL NULL).
      await keys.update({
        where: { scope_key: { scope, key } },
        data: { status, body: { reply: body as never } },
      });
    },

    async renew(scope, key) {
      await keys.updateMany({
        where: { scope, key, status: null },
        data: { createdAt: new Date() },
      });
    },

    async release(scope, key) {
      await keys.deleteMany({ where: { scope, key, status: null } });
    },
  };
}

/** Replies are stored wrapped in `{ reply }`; a bare one predates the wrapping. */
function storedReply(body: unknown): unknown {
  return typeof body === 'object' && body !== null && 'reply' in body ? body.reply : body;
}
