import type { IdempotencyClaim, IdempotencyStore } from '@campaign/service-runtime';
import { Prisma } from '../generated/prisma/client';
import type { CampaignDb } from './prisma-client';

/** A request that died mid-way leaves its key claimed; after this long it may be claimed again. */
const ABANDONED_AFTER_MS = 60_000;

export function createIdempotencyStore(db: CampaignDb): IdempotencyStore {
  return {
    async claim(scope, key, requestHash): Promise<IdempotencyClaim> {
      const { count } = await db.idempotencyKey.createMany({
        data: [{ scope, key, requestHash }],
        skipDuplicates: true,
      });
      if (count === 1) return { state: 'claimed' };
      const reclaimed = await db.idempotencyKey.updateMany({
        where: {
          scope,
          key,
          status: null,
          createdAt: { lt: new Date(Date.now() - ABANDONED_AFTER_MS) },
        },
        data: { requestHash, createdAt: new Date() },
      });
      if (reclaimed.count === 1) return { state: 'claimed' };
      const row = await db.idempotencyKey.findUniqueOrThrow({
        where: { scope_key: { scope, key } },
      });
      return row.status === null
        ? { state: 'in-progress', requestHash: row.requestHash }
        : { state: 'completed', requestHash: row.requestHash, status: row.status, body: row.body };
    },

    async complete(scope, key, status, body) {
      await db.idempotencyKey.update({
        where: { scope_key: { scope, key } },
        data: { status, body: body === null ? Prisma.JsonNull : (body as Prisma.InputJsonValue) },
      });
    },

    async release(scope, key) {
      await db.idempotencyKey.deleteMany({ where: { scope, key, status: null } });
    },
  };
}
