import { spawn, type ChildProcess } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export type ManagedProcess = {
  name: string;
  logFile: string;
  stop: () => Promise<void>;
};

/**
 * Starts a long-running engine with its output in a log file and its pid recorded, so a run that
 * was killed before it could clean up is cleaned up by the next one instead of blocking its ports.
 */
export function startProcess(options: {
  name: string;
  command: string;
  args: string[];
  runDir: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}): ManagedProcess {
  const { name, runDir } = options;
  mkdirSync(runDir, { recursive: true });
  killStale(name, runDir);
  const logFile = path.join(runDir, `${name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  writeFileSync(pidFile(name, runDir), String(child.pid));
  return { name, logFile, stop: () => stopChild(child, name, runDir) };
}

function pidFile(name: string, runDir: string): string {
  return path.join(runDir, `${name}.pid`);
}

function killStale(name: string, runDir: string): void {
  const file = pidFile(name, runDir);
  if (!existsSync(file)) return;
  const pid = Number(readFileSync(file, 'utf8'));
  try {
    if (pid > 0) process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
  rmSync(file, { force: true });
}

async function stopChild(child: ChildProcess, name: string, runDir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(killTimer);
  }
  rmSync(pidFile(name, runDir), { force: true });
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
    await new Promise((resolve) => setTimeout(resolve, 250));
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
