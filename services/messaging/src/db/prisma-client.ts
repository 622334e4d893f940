import { DATABASE_POOL_OPTIONS } from '@campaign/service-runtime';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';

export type MessagingDb = PrismaClient;

export function createPrismaClient(databaseUrl: string): MessagingDb {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl, ...DATABASE_POOL_OPTIONS }),
  });
}
