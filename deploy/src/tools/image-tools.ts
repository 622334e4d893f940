import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, toolsDir } from '../paths';

/**
 * Where deploy/image-tools/install.sh (run by the set-up) put the tools that check the images and
 * the chart; their folders are named by the pins, as the script names them.
 */
export function imageTools() {
  const tools = realpathSync(toolsDir);
  const requirements = readFileSync(path.join(repoRoot, 'deploy/image-tools/requirements.txt'));
  const venv = path.join(
    tools,
    `image-tools-${createHash('sha256').update(requirements).digest('hex').slice(0, 12)}`,
  );
  const found = {
    helm: path.join(tools, 'helm-3.22.0', 'bin', 'helm'),
    hadolint: path.join(venv, 'bin', 'hadolint'),
    kubernetesValidate: path.join(venv, 'bin', 'kubernetes-validate'),
    checkov: path.join(venv, 'bin', 'checkov'),
  };
  const missing = Object.values(found).filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(`missing ${missing.join(', ')}: run bash deploy/image-tools/install.sh`);
  }
  return found;
}
