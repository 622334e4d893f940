import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, toolsDir } from '../paths';

/** The pinned Schemathesis, as deploy/fuzz/install.sh (run by bootstrap.sh) installed it. */
export function schemathesisExecutable(): string {
  const requirements = readFileSync(path.join(repoRoot, 'deploy/fuzz/requirements.txt'), 'utf8');
  const version = /^schemathesis==(\S+)$/m.exec(requirements)?.[1];
  if (!version) throw new Error('deploy/fuzz/requirements.txt pins no schemathesis version');
  const executable = path.join(toolsDir, `schemathesis-${version}`, 'bin', 'st');
  if (!existsSync(executable)) {
    throw new Error(`Schemathesis ${version} is not installed; run deploy/bootstrap.sh`);
  }
  return executable;
}

export type SchemathesisRun = { exitCode: number; output: string };

/**
 * Runs `st` to completion without blocking the event loop: the services it fuzzes may be served
 * from this very process.
 */
export function runSchemathesis(
  args: string[],
  options: { cwd: string; echo?: boolean },
): Promise<SchemathesisRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(schemathesisExecutable(), args, {
      cwd: options.cwd,
      // Wide and uncoloured, so the report reads the same in a terminal, a file and Jest's output.
      env: { ...process.env, NO_COLOR: '1', COLUMNS: '160' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (options.echo) process.stdout.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ exitCode: code ?? (signal ? 128 : 1), output }));
  });
}
