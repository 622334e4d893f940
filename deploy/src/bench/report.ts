import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchSettings, ScenarioReport } from './scenario';

/** The machine a run was made on, so figures from two machines are never compared unawares. */
export function machineFacts() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    freeMemoryGiB: Number((os.freemem() / 2 ** 30).toFixed(1)),
    /** 1, 5 and 15 minute load averages at the time: above the CPU count, the machine was busy. */
    loadAverage: os.loadavg().map((load) => Number(load.toFixed(2))),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}

/** A scenario's table, columns right-aligned to their widest cell. */
export function formatTable({ headers, rows }: ScenarioReport['table']): string {
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => row[i]!.length)),
  );
  const line = (cells: string[]) => cells.map((cell, i) => cell.padStart(widths[i]!)).join('  ');
  return [
    line(headers),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.map(line),
  ].join('\n');
}

export function writeResults(
  file: string,
  run: {
    startedAt: string;
    settings: BenchSettings;
    machine: { atStart: ReturnType<typeof machineFacts>; atEnd: ReturnType<typeof machineFacts> };
    scenarios: ScenarioReport[];
    /** Warnings the Temporal workers logged during the run, by message. */
    temporalWorkerWarnings: Record<string, number>;
    temporalWorkerWarningExamples: Record<string, unknown>;
  },
): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
}
