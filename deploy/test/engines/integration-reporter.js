/**
 * Prints how many integration tests (files named *.int.test.ts) ran on the real engines, so a run
 * shows at a glance that none were skipped.
 */
class IntegrationReporter {
  onRunComplete(_contexts, results) {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const file of results.testResults) {
      if (!file.testFilePath.endsWith('.int.test.ts')) continue;
      counts.passed += file.numPassingTests;
      counts.failed += file.numFailingTests + (file.testExecError ? 1 : 0);
      counts.skipped += file.numPendingTests + file.numTodoTests;
    }
    console.log(
      `\nIntegration tests on real PostgreSQL, Temporal and Kafka — passed ${counts.passed}, failed ${counts.failed}, skipped ${counts.skipped}\n`,
    );
  }
}

module.exports = IntegrationReporter;
