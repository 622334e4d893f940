import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { schemathesisConfig, type FuzzBudget, type FuzzRun } from './config';
import { failuresIn, type FuzzFailure } from './failures';
import { bodyFields, type OpenApiDocument } from './body-fields';
import { runSchemathesis } from './schemathesis';

export type FuzzOutcome = {
  passed: boolean;
  /** Each distinct failure once, read from the run's event log. */
  failures: FuzzFailure[];
  /**
   * Schemathesis's own report: every failing case with its response and a curl to repeat it
   * (the token shows as [Filtered]: `./deploy/token` or issueToken makes one).
   */
  report: string;
};

/**
 * Fuzzes one service's document as one caller. `dir` is emptied first, then keeps the run's
 * configuration, Schemathesis's output and its NDJSON event log.
 */
export async function fuzz(
  run: FuzzRun,
  budget: FuzzBudget,
  dir: string,
  options: { echo?: boolean } = {},
): Promise<FuzzOutcome> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const config = path.join(dir, 'schemathesis.toml');
  const reports = path.join(dir, 'reports');
  const document = (await (await fetch(run.schemaUrl)).json()) as OpenApiDocument;
  // Owner-only: it holds the caller's token.
  writeFileSync(config, schemathesisConfig(run, budget, bodyFields(document), reports), {
    mode: 0o600,
  });
  const { exitCode, output } = await runSchemathesis(
    ['--config-file', config, 'run', run.schemaUrl],
    { cwd: dir, echo: options.echo },
  );
  writeFileSync(path.join(dir, 'output.txt'), output);
  const failures = existsSync(reports) ? failuresIn(reports) : [];
  // From the failures on, when there are any; all of it when Schemathesis could not even start.
  const failuresAt = output.search(/=+ FAILURES =+/);
  return {
    passed: exitCode === 0,
    failures,
    report: failuresAt >= 0 ? output.slice(failuresAt) : output,
  };
}
