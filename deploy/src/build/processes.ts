import path from 'node:path';
import { CAMPAIGN_WORKFLOW_BUNDLE_FILE } from '@campaign/campaign-service/worker';
import { repoRoot } from '../paths';

/**
 * Every process an image runs, compiled from its TypeScript entry point to one JavaScript file in
 * its package's `dist/`: the package `pnpm deploy --prod` installs is the one whose dependencies
 * the file needs (see bundle.ts), so the built file runs the same in the repository and in an image.
 */
export type BuiltProcess = {
  name: string;
  /** The workspace package the image installs for production. */
  packageDir: string;
  entry: string;
  /** The file written, relative to the package. */
  output: string;
};

const service = (name: 'campaign' | 'messaging' | 'notifications'): BuiltProcess => ({
  name,
  packageDir: `services/${name}`,
  entry: `services/${name}/src/main.ts`,
  output: 'dist/main.js',
});

/** Each service's image also runs its database's migrations (the chart's pre-upgrade Job). */
const migrations = (name: 'campaign' | 'messaging' | 'notifications'): BuiltProcess => ({
  name: `${name}-migrations`,
  packageDir: `services/${name}`,
  entry: 'deploy/src/migrate-cli.ts',
  output: 'dist/migrate.js',
});

export const builtProcesses: BuiltProcess[] = [
  service('campaign'),
  service('messaging'),
  service('notifications'),
  {
    name: 'worker',
    packageDir: 'services/campaign',
    entry: 'services/campaign/src/worker/main.ts',
    output: 'dist/worker.js',
  },
  migrations('campaign'),
  migrations('messaging'),
  migrations('notifications'),
];

/** The worker's workflows, bundled for Temporal's sandbox at build time; the worker loads it. */
export const builtWorkflowBundle = path.join(
  repoRoot,
  'services/campaign/dist',
  CAMPAIGN_WORKFLOW_BUNDLE_FILE,
);

export function builtFile(process: BuiltProcess): string {
  return path.join(repoRoot, process.packageDir, process.output);
}
