import { DefaultLogger, Runtime } from '@temporalio/worker';

// Workers in tests log only warnings; the bundler's progress output would bury the results.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // Already installed by an earlier test file in this Jest worker.
}
