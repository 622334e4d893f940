import { createPrismaIdempotencyStore, type IdempotencyStore } from '@campaign/service-runtime';
import type { CampaignDb } from './prisma-client';

export function createIdempotencyStore(db: CampaignDb): IdempotencyStore {
  return createPrismaIdempotencyStore(db.idempotencyKey);
}
