import { execFile } from 'node:child_process';
import { cp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, toolsDir } from '../paths';

const run = promisify(execFile);

/**
 * What a process's image holds, laid out in `dir` the way its Dockerfile lays it out: the
 * package's production dependencies as `pnpm deploy --prod` installs them from the lockfile
 * (hoisted, so the compiled file's `require`s of packages our own packages use resolve), its built
 * `dist/` and its migrations. A test runs the compiled processes from here, as the image would.
 */
export async function layOutProductionTree(packageDir: string, dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  const manifest = JSON.parse(
    await readFile(path.join(repoRoot, packageDir, 'package.json'), 'utf8'),
  ) as { name: string };
  await run(
    await pnpm(),
    [
      '--filter',
      manifest.name,
      'deploy',
      '--prod',
      '--prefer-offline',
      '--config.inject-workspace-packages=true',
      '--config.node-linker=hoisted',
      dir,
    ],
    { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 },
  );
  await cp(path.join(repoRoot, packageDir, 'dist'), path.join(dir, 'dist'), { recursive: true });
}

/** The pinned pnpm deploy/pnpm.sh installs into the tool cache. */
async function pnpm(): Promise<string> {
  const { packageManager } = JSON.parse(
    await readFile(path.join(repoRoot, 'package.json'), 'utf8'),
  ) as { packageManager: string };
  const version = packageManager.split('@')[1];
  return path.join(toolsDir, `pnpm-${version}`, 'node_modules', '.bin', 'pnpm');
}
