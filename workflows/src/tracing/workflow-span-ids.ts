import type { IdGenerator } from '@opentelemetry/sdk-trace-base';
import { workflowInfo } from '@temporalio/workflow';

/**
 * Span and trace ids for spans made inside the workflow sandbox, from the run's id, the workflow's
 * clock and a count, never from `Math.random`. In the sandbox `Math.random` is the workflow's
 * seeded generator, the one `uuid4()` draws event ids from: OpenTelemetry's own id generator would
 * draw from it too, and since a replay makes fewer spans than the first execution (validators and
 * queries are not replayed), a worker that took a campaign over from a crashed one would draw
 * different event ids than the history's, and could repeat one (its event then dropped as a
 * duplicate by the outbox). These ids change nothing the workflow decides.
 */
export class WorkflowSpanIds implements IdGenerator {
  private count = 0;

  generateTraceId(): string {
    return this.next() + this.next();
  }

  generateSpanId(): string {
    return this.next();
  }

  /** 16 hex digits: two differently seeded 32-bit FNV-1a hashes of the run, clock and count. */
  private next(): string {
    this.count += 1;
    const key = `${workflowInfo().runId}:${Date.now()}:${this.count}`;
    return fnv1a(key, 0x811c9dc5) + fnv1a(key, 0x01000193 ^ this.count);
  }
}

function fnv1a(text: string, seed: number): string {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
