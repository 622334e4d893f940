import { spawn, type ChildProcess } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export type ManagedProcess = {
  name: string;
  pid: number;
  logFile: string;
  /** Resolves when the program ends, whether stopped, crashed or killed. */
  exited: Promise<ProcessExit>;
  stop: () => Promise<void>;
};

/** How a program ended: its exit code, the signal that ended it, or why it could not start. */
export type ProcessExit = { code: number | null; signal: NodeJS.Signals | null; error?: string };

export type ProcessOptions = {
  name: string;
  command: string;
  args: string[];
  runDir: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run as another user (PostgreSQL refuses to run as root). */
  runAs?: { uid: number; gid: number };
  /** The signal that asks this program for a clean, prompt shutdown. */
  stopSignal?: NodeJS.Signals;
  /** A port it will listen on, checked free once any leftover of an earlier run is stopped. */
  port?: number;
};

const STOP_GRACE_MS = 15_000;

/**
 * Starts a long-running program with its output in a log file and its pid recorded, so a run that
 * was killed before it could clean up is cleaned up by the next one instead of blocking its ports.
 * Each program gets its own process group: a Ctrl-C in the terminal reaches only the stack, which
 * then stops services before engines.
 */
export async function startProcess(options: ProcessOptions): Promise<ManagedProcess> {
  const { name, runDir } = options;
  const stopSignal = options.stopSignal ?? 'SIGTERM';
  mkdirSync(runDir, { recursive: true });
  await stopStale(pidFile(name, runDir), stopSignal);
  if (options.port !== undefined) await assertPortFree(options.port, name);
  const logFile = path.join(runDir, `${name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    ...options.runAs,
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  // A program that cannot be spawned at all reports an error and may never report an exit.
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.on('error', (error) => resolve({ code: null, signal: null, error: error.message }));
  });
  writeFileSync(pidFile(name, runDir), String(child.pid));
  return {
    name,
    pid: child.pid ?? -1,
    logFile,
    exited,
    stop: () => stopChild(child, exited, stopSignal, pidFile(name, runDir)),
  };
}

export function describeExit({ code, signal, error }: ProcessExit): string {
  if (signal) return `signal ${signal}`;
  return code === null ? (error ?? 'unknown') : `code ${code}`;
}

function pidFile(name: string, runDir: string): string {
  return path.join(runDir, `${name}.pid`);
}

/** Stops what an earlier run of this folder left running (a run killed before its clean-up). */
export async function stopStaleProcesses(runDir: string): Promise<void> {
  if (!existsSync(runDir)) return;
  const files = readdirSync(runDir).filter((file) => file.endsWith('.pid'));
  await Promise.all(files.map((file) => stopStale(path.join(runDir, file), 'SIGKILL')));
}

async function stopStale(file: string, signal: NodeJS.Signals): Promise<void> {
  if (!existsSync(file)) return;
  const pid = Number(readFileSync(file, 'utf8'));
  rmSync(file, { force: true });
  if (!(pid > 0) || !isAlive(pid)) return;
  process.kill(pid, signal);
  const deadline = Date.now() + STOP_GRACE_MS;
  while (isAlive(pid) && Date.now() < deadline) await delay(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopChild(
  child: ChildProcess,
  exited: Promise<ProcessExit>,
  signal: NodeJS.Signals,
  file: string,
): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill(signal);
    const killTimer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(killTimer);
  }
  rmSync(file, { force: true });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves once something accepts TCP connections on the port. */
export async function waitForPort(
  port: number,
  what: string,
  timeoutMs = 120_000,
  host = '127.0.0.1',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await canConnect(port, host)) return;
    await delay(250);
  }
  throw new Error(`${what} did not open port ${port} within ${timeoutMs / 1000} s`);
}

export function canConnect(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function assertPortFree(port: number, what: string): Promise<void> {
  if (await canConnect(port)) {
    throw new Error(`port ${port} for ${what} is already in use; stop whatever holds it`);
  }
}
