import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, toolsDir } from '../paths';

const run = promisify(execFile);

/**
 * What a process's image holds, laid out in `dir` by the script its Dockerfile runs
 * (deploy/docker/production-tree.sh): production dependencies, the built `dist/`, migrations.
 */
export async function layOutProductionTree(packageDir: string, dir: string): Promise<void> {
  await run('bash', [path.join(repoRoot, 'deploy/docker/production-tree.sh'), packageDir, dir], {
    cwd: repoRoot,
    // The pinned pnpm deploy/pnpm.sh installs into the tool cache.
    env: { ...process.env, PATH: `${await pnpmDir()}:${process.env.PATH}` },
    maxBuffer: 16 * 1024 * 1024,
  });
}

async function pnpmDir(): Promise<string> {
  const { packageManager } = JSON.parse(
    await readFile(path.join(repoRoot, 'package.json'), 'utf8'),
  ) as { packageManager: string };
  const version = packageManager.split('@')[1];
  return path.join(toolsDir, `pnpm-${version}`, 'node_modules', '.bin');
}
