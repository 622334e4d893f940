import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../paths';
import { apiClientFiles, generatedApiDir } from './api-client-files';

/** `pnpm api:generate`: writes the web app's typed client from the services' OpenAPI documents. */
async function main() {
  mkdirSync(generatedApiDir, { recursive: true });
  for (const [file, content] of await apiClientFiles()) {
    writeFileSync(file, content);
    console.log(`wrote ${path.relative(repoRoot, file)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
