import {
  describeExit,
  startProcess,
  type ManagedProcess,
  type ProcessExit,
  type ProcessOptions,
} from './managed-process';

/** A started program as its owner sees it; a restarted program's pid is that of the new process. */
export type RunningProcess = Pick<ManagedProcess, 'name' | 'pid' | 'logFile' | 'stop'>;

export type Readiness = {
  /** Resolves once the program serves, saying how (e.g. "ready on :3001"). */
  ready: (process: ManagedProcess) => Promise<string>;
  /** Clears what a crash leaves behind that would stop the program starting again. */
  beforeRestart?: () => void | Promise<void>;
};

export type Launched = {
  /** Handed over before it is ready, so a Ctrl-C during the wait can stop it. */
  process: RunningProcess;
  /** Says how the program serves once it does; rejects, having stopped it, if it never does. */
  ready: Promise<string>;
};

/**
 * Starts a program. The tests start each engine once; run-stack starts everything supervised
 * (supervised-process.ts), so the engines need not know which.
 */
export type Launch = (options: ProcessOptions, readiness: Readiness) => Promise<Launched>;

/** A program that dies stays dead: a test run whose engine dies should fail, not quietly heal. */
export const startOnce: Launch = async (options, { ready }) => {
  const child = await startProcess(options);
  return { process: child, ready: untilReady(child, ready) };
};

/** Resolves once the program is ready; if it ends first or never gets there, stops it and throws. */
export async function untilReady(
  child: ManagedProcess,
  ready: Readiness['ready'],
): Promise<string> {
  try {
    const outcome = await readyOrExited(child, ready);
    if ('exit' in outcome) {
      throw new Error(
        `${child.name} exited (${describeExit(outcome.exit)}) before it was ready; see ${child.logFile}`,
      );
    }
    return outcome.ready;
  } catch (error) {
    await child.stop();
    throw error;
  }
}

/** Whichever comes first: the program is ready, or it has ended (no point waiting any longer). */
export function readyOrExited(
  child: ManagedProcess,
  ready: Readiness['ready'],
): Promise<{ ready: string } | { exit: ProcessExit }> {
  return Promise.race([
    ready(child).then((how) => ({ ready: how })),
    child.exited.then((exit) => ({ exit })),
  ]);
}
