import { applyMigrations } from './database/migrate';
import { migrationsDir, serviceDatabases, type ServiceName } from './database/service-databases';

/**
 * A deploy job: `tsx deploy/src/migrate-cli.ts <service>` with that service's DATABASE_URL. The
 * compiled copy in a service's image (`node dist/migrate.js <service>`) is told where the image
 * keeps the migrations by MIGRATIONS_DIR.
 */
async function main(): Promise<void> {
  const service = process.argv[2] as ServiceName;
  const databaseUrl = process.env.DATABASE_URL;
  if (!serviceDatabases.some((entry) => entry.service === service) || !databaseUrl) {
    console.error(
      `usage: DATABASE_URL=… migrate-cli <${serviceDatabases.map((entry) => entry.service).join('|')}>`,
    );
    process.exit(2);
  }
  const applied = await applyMigrations(
    databaseUrl,
    process.env.MIGRATIONS_DIR || migrationsDir(service),
  );
  console.log(`${service}: ${applied.length} migration(s) applied`);
}

main().catch((error: unknown) => {
  console.error(String(error));
  process.exit(1);
});
