import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');

/** Downloaded tools, pinned by version in their folder names; git-ignored, kept across runs. */
export const toolsDir = path.join(repoRoot, '.cache', 'tools');

/** Engine data of one profile ("dev" keeps data across starts, "test" starts empty). */
export function dataDir(profile: string): string {
  return path.join(repoRoot, '.data', profile);
}
