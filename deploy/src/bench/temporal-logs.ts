import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';

/**
 * The Temporal workers' own logs, kept off the bench's output and counted instead: warnings such
 * as "Workflow task not found" say the server was shedding work, which belongs in the report, but
 * a line each would bury the table. Installed once, before the first worker or connection.
 */
export function countTemporalWarnings() {
  const warnings: Record<string, number> = {};
  /** The first entry of each message with what it was about (workflow type, failure), no more. */
  const firstOf: Record<string, unknown> = {};
  Runtime.install({
    logger: new DefaultLogger('WARN', (entry: LogEntry) => {
      const message = entry.message.slice(0, 120);
      warnings[message] = (warnings[message] ?? 0) + 1;
      if (!(message in firstOf)) {
        const { workflowType, taskQueue, failure, error } = (entry.meta ?? {}) as Record<
          string,
          unknown
        >;
        firstOf[message] = {
          workflowType,
          taskQueue,
          failure: String(failure ?? error ?? '').slice(0, 500) || undefined,
        };
      }
    }),
    // The bench's own handler stops the workers and the engines on Ctrl-C (index.ts).
    shutdownSignals: [],
    telemetryOptions: { logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} } },
  });
  return { warnings, firstOf };
}
