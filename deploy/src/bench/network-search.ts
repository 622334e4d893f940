import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { createNetworkStore, createPrismaClient } from '@campaign/campaign-service';
import { applyMigrations } from '../database/migrate';
import { migrationsDir } from '../database/service-databases';
import { dataDir } from '../paths';
import { dropDatabase, ensureDatabase, startPostgres } from '../engines/postgres';

/**
 * Network search over 100,000 influencer profiles: prints p50/p95/p99 per query shape.
 *   pnpm bench:network [profiles] [queries-per-shape]
 * Runs on its own PostgreSQL (port 25433, data in .data/bench) so it never touches the stack's.
 */
async function main(): Promise<void> {
  const profiles = Number(process.argv[2] ?? 100_000);
  const rounds = Number(process.argv[3] ?? 200);
  const postgres = await startPostgres({
    dataDir: dataDir('bench'),
    port: 25433,
    databaseUrl: process.env.DATABASE_URL,
  });
  try {
    await dropDatabase(postgres.serverUrl, 'campaign_bench');
    const url = await ensureDatabase(postgres.serverUrl, 'campaign_bench');
    await applyMigrations(url, migrationsDir('campaign'));
    const db = createPrismaClient(url);
    const niches = [
      'beauty',
      'food',
      'travel',
      'fitness',
      'gaming',
      'fashion',
      'parenting',
      'tech',
    ];
    const countries = ['NL', 'BE', 'DE', 'FR', 'GB', 'ES', 'IT', 'SE'];
    const seeded = performance.now();
    // Deterministic spread of audiences, niches and countries, generated inside PostgreSQL.
    await db.$executeRawUnsafe(`
      INSERT INTO influencer_profiles (id, handle, display_name, niches, country, followers, engagement_rate, shipping_address)
      SELECT 'inf-' || g, 'handle' || g, 'Creator ' || g,
             ARRAY[(ARRAY['${niches.join("','")}'])[1 + g % 8], (ARRAY['${niches.join("','")}'])[1 + (g / 8) % 8]],
             (ARRAY['${countries.join("','")}'])[1 + (g / 64) % 8],
             (g * 7919) % 2000000, ((g * 31) % 1000) / 100.0,
             jsonb_build_object('street', 'Street ' || g, 'city', 'City', 'country', 'NL')
      FROM generate_series(1, ${profiles}) AS g`);
    await db.$executeRawUnsafe('ANALYZE influencer_profiles');
    const campaignId = randomUUID();
    // A campaign with 5,000 applicants, who the search must leave out.
    await db.$executeRawUnsafe(`
      INSERT INTO applications (campaign_id, influencer_id, status, source, applied_at, updated_at)
      SELECT '${campaignId}', 'inf-' || g, 'pending', 'applied', now(), now()
      FROM generate_series(1, ${Math.min(5000, profiles)}) AS g`);
    await db.$executeRawUnsafe('ANALYZE applications');
    console.log(
      `seeded ${profiles} profiles and 5,000 applicants in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
    );

    const store = createNetworkStore(db);
    const shapes: Record<string, (i: number) => Parameters<typeof store.search>[0]> = {
      'no filter, first page': () => ({ campaignId, limit: 20 }),
      niche: (i) => ({ campaignId, limit: 20, niche: niches[i % 8] }),
      'niche + country': (i) => ({
        campaignId,
        limit: 20,
        niche: niches[i % 8],
        country: countries[(i + 3) % 8],
      }),
      'country + min followers': (i) => ({
        campaignId,
        limit: 20,
        country: countries[i % 8],
        minFollowers: 500_000 + (i % 10) * 100_000,
      }),
      'all filters': (i) => ({
        campaignId,
        limit: 20,
        niche: niches[i % 8],
        country: countries[(i + 1) % 8],
        minFollowers: 100_000,
      }),
    };
    for (const [name, queryFor] of Object.entries(shapes)) {
      const times: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const start = performance.now();
        let page = await store.search(queryFor(i));
        // Every fifth query also fetches page 3, as a brand scrolling on would.
        for (
          let depth = 0;
          depth < 2 && i % 5 === 0 && page !== 'bad-cursor' && page.nextCursor;
          depth++
        ) {
          page = await store.search({ ...queryFor(i), cursor: page.nextCursor });
        }
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      const at = (q: number) =>
        times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
      console.log(
        `${name.padEnd(26)} p50 ${at(0.5)} ms   p95 ${at(0.95)} ms   p99 ${at(0.99)} ms   (${rounds} searches)`,
      );
    }
    await db.$disconnect();
  } finally {
    await postgres.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
