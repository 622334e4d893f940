import { defineConfig } from 'prisma/config';

// Generation needs no database; the URL matters only to Prisma's own migrate commands, which run
// where Prisma's schema engine can be installed (this project applies migrations itself).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost/unused' },
});
