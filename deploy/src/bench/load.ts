import { performance } from 'node:perf_hooks';
import { summarise, type LatencySummary } from './percentiles';

export type LoadResult = {
  requests: number;
  concurrency: number;
  succeeded: number;
  errors: number;
  /** How many failed, by what went wrong (an HTTP status, an error's name and message). */
  errorKinds: Record<string, number>;
  elapsedMs: number;
  /** Successful requests per second of wall-clock time. */
  perSecond: number;
  /** Of the successful requests only, so a fast refusal never flatters the figures. */
  latencyMs: LatencySummary;
  /**
   * The same, of the requests sent after the first second: without the start of the loop, when
   * every client sends at once into idle connections and an empty pipeline, a burst that steady
   * traffic never makes (the slowest 1% of a short level are mostly those first two waves).
   */
  steadyLatencyMs: LatencySummary;
};

/** Requests sent before this many ms of a level count only in `latencyMs`, not the steady one. */
const WARM_UP_MS = 1_000;

/**
 * `concurrency` clients, each sending its next request as soon as its last one was answered,
 * until `requests` were sent: a closed loop, so the figure is what the system sustains with that
 * many callers waiting, not what it would do under an open flood. `send` throws to count an error.
 */
export async function runLoad(
  requests: number,
  concurrency: number,
  send: (index: number) => Promise<void>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const steady: number[] = [];
  const errorKinds: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  const client = async () => {
    while (next < requests) {
      const index = next++;
      const start = performance.now();
      try {
        await send(index);
        latencies.push(performance.now() - start);
        if (start - started >= WARM_UP_MS) steady.push(performance.now() - start);
      } catch (error) {
        const kind = describe(error);
        errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, requests) }, client));
  const elapsedMs = performance.now() - started;
  return {
    requests,
    concurrency,
    succeeded: latencies.length,
    errors: requests - latencies.length,
    errorKinds,
    elapsedMs,
    perSecond: latencies.length / (elapsedMs / 1000),
    latencyMs: summarise(latencies),
    steadyLatencyMs: summarise(steady),
  };
}

/**
 * An error's kind, without the figures that make every instance unique (gRPC's "Deadline
 * exceeded after 0.388s,remote_addr=…"), so a thousand alike count as one kind.
 */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 200);
  const message = error.message.split(',')[0]!.replace(/\d+(\.\d+)?s\b/g, 'N s');
  return `${error.name}: ${message}`.slice(0, 200);
}
