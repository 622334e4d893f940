import { performance } from 'node:perf_hooks';
import { summarise, type LatencySummary } from './percentiles';

export type ActionFigures = {
  sent: number;
  errors: number;
  /** How many failed, by what went wrong (the HTTP status and the refusal's title). */
  errorKinds: Record<string, number>;
  /** Of the successful actions only, as load.ts counts them. */
  latencyMs: LatencySummary;
};

/**
 * The latency of every action a scenario takes, by kind (apply, sign, …), when the actions are
 * not one closed loop of alike requests that load.ts could time: a campaign's week is a sequence
 * of different actions, and the scenario wants each kind's figures as well as all of them.
 */
export function actionTimings() {
  const latencies = new Map<string, number[]>();
  const failures = new Map<string, Record<string, number>>();
  const of = <T>(map: Map<string, T>, kind: string, empty: () => T) => {
    if (!map.has(kind)) map.set(kind, empty());
    return map.get(kind)!;
  };

  return {
    /** Runs one action and times it; rethrows its error once counted. */
    async time<T>(kind: string, action: () => Promise<T>): Promise<T> {
      const start = performance.now();
      try {
        const result = await action();
        of(latencies, kind, () => []).push(performance.now() - start);
        return result;
      } catch (error) {
        const what = (
          error instanceof Error ? `${error.name}: ${error.message}` : String(error)
        ).slice(0, 200);
        const kinds = of<Record<string, number>>(failures, kind, () => ({}));
        kinds[what] = (kinds[what] ?? 0) + 1;
        throw error;
      }
    },

    /** Each kind's figures, and `all` of them together. */
    figures(): Record<string, ActionFigures> {
      const kinds = [...new Set([...latencies.keys(), ...failures.keys()])];
      const figuresOf = (times: number[], errorKinds: Record<string, number>) => {
        const errors = Object.values(errorKinds).reduce((sum, n) => sum + n, 0);
        return { sent: times.length + errors, errors, errorKinds, latencyMs: summarise(times) };
      };
      const result: Record<string, ActionFigures> = {};
      for (const kind of kinds) {
        result[kind] = figuresOf(latencies.get(kind) ?? [], failures.get(kind) ?? {});
      }
      result.all = figuresOf(
        kinds.flatMap((kind) => latencies.get(kind) ?? []),
        Object.fromEntries(
          kinds.flatMap((kind) =>
            Object.entries(failures.get(kind) ?? {}).map(([what, n]) => [`${kind}: ${what}`, n]),
          ),
        ),
      );
      return result;
    },
  };
}

export type ActionTimings = ReturnType<typeof actionTimings>;
