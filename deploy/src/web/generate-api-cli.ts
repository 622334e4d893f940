import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../paths';
import { apiClientFiles, generatedApiDir } from './api-client-files';

/**
 * `pnpm api:generate`: writes the web app's typed client from the services' OpenAPI documents.
 * With `--check`, writes nothing and fails naming the checked-in files that differ (the test
 * command's drift check).
 */
async function main() {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  if (!check) mkdirSync(generatedApiDir, { recursive: true });
  for (const [file, content] of await apiClientFiles()) {
    const name = path.relative(repoRoot, file);
    if (check) {
      let checkedIn: string | null = null;
      try {
        checkedIn = readFileSync(file, 'utf8');
      } catch {
        // Missing: as stale as a file that differs.
      }
      if (checkedIn !== content) stale.push(name);
      continue;
    }
    writeFileSync(file, content);
    console.log(`wrote ${name}`);
  }
  if (stale.length > 0) {
    console.error(`stale: ${stale.join(', ')}; run \`pnpm api:generate\` and commit`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
