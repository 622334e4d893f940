import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One kind of failure: an operation answering with one status, or not answering at all. */
export type FuzzFailure = {
  operation: string;
  /** The status, or "no response". */
  outcome: string;
  /**
   * The checks that failed on it, as Schemathesis codes and titles ("ST101 Server error"), or
   * why there was no response ("ReadTimeout": the request hung).
   */
  checks: string[];
  /** The first such request, as sent, when Schemathesis recorded it. */
  example: string;
};

type Check = {
  failure_info?: { failure: { code: string; title: string; operation: string } };
};
type Interaction = {
  request: { method: string; uri: string; body?: { $base64?: string } | null };
  response?: { status_code: number } | null;
};
type Event = {
  ScenarioFinished?: {
    recorder: { checks?: Record<string, Check[]>; interactions?: Record<string, Interaction> };
  };
  NonFatalError?: { label: string; value: { type: string; message: string } };
};

const MAX_STRING = 40;
const MAX_ITEMS = 5;

/**
 * Reads a run's NDJSON event log (its `reports/` folder) into the list to fix: one entry per
 * operation and status however many cases hit it, and one per operation and kind of error for
 * requests that got no answer (a timeout is a hung request).
 */
export function failuresIn(reportDir: string): FuzzFailure[] {
  const found = new Map<string, FuzzFailure>();
  const note = (operation: string, outcome: string, check: string, example: () => string) => {
    const key = `${operation} ${outcome}`;
    const failure = found.get(key) ?? { operation, outcome, checks: [], example: example() };
    if (!failure.checks.includes(check)) failure.checks.push(check);
    found.set(key, failure);
  };
  for (const file of readdirSync(reportDir).filter((name) => name.endsWith('.ndjson'))) {
    for (const line of readFileSync(path.join(reportDir, file), 'utf8').split('\n')) {
      if (!line.includes('"failure_info"') && !line.includes('"NonFatalError"')) continue;
      const event = JSON.parse(line) as Event;
      if (event.NonFatalError) {
        const { label, value } = event.NonFatalError;
        note(label, 'no response', value.type, () => `(see the report) ${value.message}`);
      }
      const recorder = event.ScenarioFinished?.recorder;
      for (const [caseId, checks] of Object.entries(recorder?.checks ?? {})) {
        const interaction = recorder?.interactions?.[caseId];
        for (const { failure_info } of checks) {
          if (!failure_info) continue;
          const { code, title, operation } = failure_info.failure;
          const status = interaction?.response?.status_code;
          note(operation, status ? String(status) : 'no response', `${code} ${title}`, () =>
            interaction ? describe(interaction) : '(no request recorded)',
          );
        }
      }
    }
  }
  return [...found.values()].sort((a, b) =>
    `${a.operation} ${a.outcome}`.localeCompare(`${b.operation} ${b.outcome}`),
  );
}

function describe({ request }: Interaction): string {
  const { pathname, search } = new URL(request.uri);
  const encoded = request.body?.$base64;
  const body = encoded ? Buffer.from(encoded, 'base64').toString('utf8') : '';
  return `${request.method} ${pathname}${search}${body ? ` ${abridged(body)}` : ''}`;
}

/**
 * A JSON body with its long strings and arrays cut short, so every field still shows: the one
 * value that broke the service may sit anywhere in it. Control characters show escaped.
 */
function abridged(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), (_key, value: unknown) => {
      if (typeof value === 'string' && value.length > MAX_STRING) {
        return `${value.slice(0, MAX_STRING)}…(${value.length} chars)`;
      }
      if (Array.isArray(value) && value.length > MAX_ITEMS) {
        return [...value.slice(0, MAX_ITEMS), `…(${value.length} items)`];
      }
      return value;
    });
  } catch {
    return body.length > MAX_STRING * 10 ? `${body.slice(0, MAX_STRING * 10)}…` : body;
  }
}

/** Two lines per failure, for a test's message and the hand-run summary. */
export function formatFailures(failures: FuzzFailure[]): string {
  return failures
    .map(
      ({ operation, outcome, checks, example }) =>
        `${operation} → ${outcome}: ${checks.join('; ')}\n    e.g. ${example}`,
    )
    .join('\n');
}
