import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../src/paths';

/**
 * The web app's typed client is generated from the services' OpenAPI documents, never written by
 * hand: the checked-in files must be exactly what `pnpm api:generate` writes today. (A process of
 * its own: the generator is an ES module Jest would have to compile.)
 */
test('the web app’s generated API client matches the services’ OpenAPI documents', () => {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'deploy/src/web/generate-api-cli.ts'), '--check'],
    { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 },
  );
  expect({ exit: run.status, stderr: run.stderr.trim() }).toEqual({ exit: 0, stderr: '' });
});
