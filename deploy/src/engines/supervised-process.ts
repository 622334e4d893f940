import { readyOrExited, untilReady, type Launch, type Launched, type Readiness } from './launch';
import {
  describeExit,
  startProcess,
  type ManagedProcess,
  type ProcessOptions,
} from './managed-process';

export type Backoff = {
  /** The wait before a restart; it doubles for each crash that follows a restart quickly. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A program up this long is taken as healthy again: its next crash waits the first delay. */
  healthyAfterMs: number;
};

export const DEFAULT_BACKOFF: Backoff = {
  firstDelayMs: 500,
  maxDelayMs: 10_000,
  healthyAfterMs: 30_000,
};

/** A Launch that keeps each program running, telling `report` of every crash and recovery. */
export function supervised(report: (line: string) => void, backoff = DEFAULT_BACKOFF): Launch {
  return (options, readiness) => startSupervised(options, readiness, report, backoff);
}

/**
 * Starts a program and, once it is ready, restarts it whenever it ends without being asked to,
 * on the same options: the same data folder, port and log file. A program that keeps crashing is
 * restarted ever more slowly, so a broken one does not spin. Its `stop` stops it for good and
 * cancels a restart that is waiting or under way.
 */
export async function startSupervised(
  options: ProcessOptions,
  readiness: Readiness,
  report: (line: string) => void,
  backoff: Backoff = DEFAULT_BACKOFF,
): Promise<Launched> {
  const { name } = options;
  let current = await startProcess(options);
  let startedAt = Date.now();
  let delayMs = backoff.firstDelayMs;
  let restarts = 0;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let starting: Promise<void> = Promise.resolve();

  const scheduleRestart = (what: string) => {
    restarts += 1;
    report(`${name} ${what}; restarting in ${delayMs / 1000} s (restart ${restarts})`);
    timer = setTimeout(() => {
      timer = undefined;
      starting = restart();
    }, delayMs);
    delayMs = Math.min(delayMs * 2, backoff.maxDelayMs);
  };

  const watch = (child: ManagedProcess) => {
    void child.exited.then((exit) => {
      if (stopping) return;
      if (Date.now() - startedAt >= backoff.healthyAfterMs) delayMs = backoff.firstDelayMs;
      scheduleRestart(`exited (${describeExit(exit)})`);
    });
  };

  const restart = async () => {
    try {
      await readiness.beforeRestart?.();
      current = await startProcess(options);
    } catch (error) {
      if (!stopping) scheduleRestart(`could not be started (${messageOf(error)})`);
      return;
    }
    startedAt = Date.now();
    // stop() came while the process was being started: it waits for this and stops `current`.
    if (stopping) return;
    watch(current);
    void reportWhenBack(current);
  };

  const reportWhenBack = async (child: ManagedProcess) => {
    try {
      const outcome = await readyOrExited(child, readiness.ready);
      // An exit is reported by watch() with the restart it schedules.
      if (!stopping && 'ready' in outcome) report(`${name} is back (${outcome.ready})`);
    } catch (error) {
      if (!stopping && child === current) {
        report(`${name} is running again but not ready: ${messageOf(error)}; see ${child.logFile}`);
      }
    }
  };

  // Supervision begins once the first start is ready: a program that never gets ready is broken,
  // not crashed, and restarting it would only repeat the failure.
  const ready = untilReady(current, readiness.ready).then((how) => {
    if (!stopping) watch(current);
    return how;
  });
  return {
    process: {
      name,
      get pid() {
        return current.pid;
      },
      logFile: current.logFile,
      stop: async () => {
        stopping = true;
        clearTimeout(timer);
        await starting;
        await current.stop();
      },
    },
    ready,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
