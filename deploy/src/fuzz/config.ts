import { enabledChecks, excludedChecks } from './checks';
import type { BodyField } from './body-fields';
import { cursorParameters, forgedCursors, hostileIntegers, hostileStrings } from './hostile-values';

/** One Schemathesis run: one service's document, fuzzed as one caller. */
export type FuzzRun = {
  /** e.g. "campaign as brand", for reports. */
  name: string;
  /** Where the service serves its OpenAPI document; requests go to the same origin. */
  schemaUrl: string;
  /** The caller's bearer token. */
  token: string;
  /**
   * Ids of records the run's data holds, by parameter name (`campaignId`, …). The fuzzer picks
   * one of them for half the values of that parameter, so it gets past "no such campaign" to the
   * code behind it; the other half it makes up.
   */
  knownIds: Record<string, string[]>;
};

/** How hard to fuzz: examples per operation, and the seed that makes a run repeatable. */
export type FuzzBudget = { maxExamples: number; seed: number };

/** How often a field or parameter gets a hostile value instead of a generated one. */
const HOSTILE = 0.1;
const FORGED_CURSOR = 0.25;

const toml = (value: string | number | bigint | boolean) =>
  // A JSON string is a valid TOML basic string: same quotes, same escapes.
  typeof value === 'string' ? JSON.stringify(value) : String(value);
const array = (values: (string | number | bigint)[]) => `[${values.map(toml).join(', ')}]`;
const binding = (dictionary: string, probability: number) =>
  `{ dictionary = ${toml(dictionary)}, probability = ${probability} }`;

/** The `schemathesis.toml` for one run; `bodyFields` are those of the service's document. */
export function schemathesisConfig(
  run: FuzzRun,
  budget: FuzzBudget,
  bodyFields: BodyField[],
  reportDir: string,
): string {
  const known = Object.entries(run.knownIds).filter(([, ids]) => ids.length > 0);
  const lines = [
    `seed = ${toml(budget.seed)}`,
    // One request at a time: the same seed then sends the same requests in the same order.
    'workers = 1',
    'color = false',
    // An operation's fuzzing goes on past its first failure, so one run lists every kind it meets.
    'continue-on-failure = true',
    // Every request here answers in well under a second; one that takes this long has hung.
    'request-timeout = 5',
    '',
    '[generation]',
    `max-examples = ${toml(budget.maxExamples)}`,
    // Nothing carried over from an earlier run: what a run finds depends on its seed alone.
    'database = "none"',
    '',
    '[generation.dictionaries]',
    `string = ${binding('hostile-strings', HOSTILE)}`,
    `integer = ${binding('hostile-integers', HOSTILE)}`,
    '',
    '[cache]',
    'enabled = false',
    '',
    '[checks]',
    ...enabledChecks.map((check) => `${check}.enabled = true`),
    ...excludedChecks.map((check) => `${check}.enabled = false`),
    '',
    '[auth.openapi.bearer]',
    `bearer = ${toml(run.token)}`,
    '',
    '[reports]',
    `directory = ${toml(reportDir)}`,
    '[reports.ndjson]',
    'enabled = true',
    '',
    '[dictionaries.hostile-strings]',
    `values = ${array(hostileStrings)}`,
    '[dictionaries.hostile-integers]',
    `values = ${array(hostileIntegers)}`,
    '[dictionaries.forged-cursors]',
    `values = ${array(forgedCursors)}`,
    ...known.flatMap(([parameter, ids]) => [
      `[dictionaries.${parameter}]`,
      `values = ${array(ids)}`,
    ]),
    '',
    // Parameters by name; the type-wide bindings above reach only path, query and header ones.
    '[parameters]',
    ...known.map(([parameter]) => `${parameter} = ${binding(parameter, 0.5)}`),
    ...cursorParameters.map((name) => `${name} = ${binding('forged-cursors', FORGED_CURSOR)}`),
    ...bodyFields.map(
      ({ field, type }) =>
        `${toml(field)} = ${binding(type === 'string' ? 'hostile-strings' : 'hostile-integers', HOSTILE)}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
