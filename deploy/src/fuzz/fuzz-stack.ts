import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { profiles } from '../engines/engines';
import { databaseUrl } from '../engines/postgres';
import { dataDir } from '../paths';
import { formatFailures } from './failures';
import { seedFuzzData } from './fuzz-data';
import { fuzz } from './run-fuzz';
import { fuzzRun, fuzzTargets, type FuzzedService } from './targets';

/**
 * Fuzzes the running local stack (`./deploy/run-stack`) as the tests do, wider: more examples
 * per operation and a fresh seed each time, so each run explores inputs the last did not.
 * `./deploy/fuzz/run [--max-examples N] [--seed N] [service…]`; reports in .data/dev/fuzz/.
 */
const serviceUrls: Record<FuzzedService, string> = {
  campaign: 'http://127.0.0.1:3001',
  messaging: 'http://127.0.0.1:3002',
  notifications: 'http://127.0.0.1:3003',
};

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'max-examples': { type: 'string', default: '200' }, seed: { type: 'string' } },
  });
  const budget = {
    maxExamples: Number.parseInt(values['max-examples'], 10),
    seed: values.seed === undefined ? randomInt(1, 2 ** 31) : Number.parseInt(values.seed, 10),
  };
  const services = positionals.length > 0 ? positionals : Object.keys(serviceUrls);
  const targets = fuzzTargets.filter((target) => services.includes(target.service));
  if (targets.length === 0 || !Number.isSafeInteger(budget.maxExamples + budget.seed)) {
    console.error(
      'usage: deploy/fuzz/run [--max-examples N] [--seed N] [campaign|messaging|notifications…]',
    );
    process.exit(2);
  }

  const authSecret = readFileSync(path.join(dataDir('dev'), 'auth-secret'), 'utf8').trim();
  const serverUrl =
    process.env.DATABASE_URL ??
    `postgresql://postgres:postgres@127.0.0.1:${profiles.dev.postgresPort}/postgres`;
  const known = await seedFuzzData({
    campaignApi: serviceUrls.campaign,
    authSecret,
    databaseUrls: {
      campaign: databaseUrl(serverUrl, 'campaign'),
      messaging: databaseUrl(serverUrl, 'messaging'),
      notifications: databaseUrl(serverUrl, 'notifications'),
    },
  });

  const failed: string[] = [];
  for (const target of targets) {
    const dir = path.join(dataDir('dev'), 'fuzz', target.name.replace(/\W+/g, '-'));
    console.log(`\n### ${target.name}: ${budget.maxExamples} examples, seed ${budget.seed}\n`);
    const run = await fuzzRun(target, serviceUrls, known, authSecret);
    const outcome = await fuzz(run, budget, dir, { echo: true });
    if (!outcome.passed) {
      failed.push(`## ${target.name} (${dir})\n${formatFailures(outcome.failures)}`);
    }
  }
  console.log(
    failed.length === 0
      ? `\nNo failures (seed ${budget.seed}).`
      : `\nDistinct failures (seed ${budget.seed}; --seed ${budget.seed} repeats this run):\n\n${failed.join('\n\n')}`,
  );
  process.exit(failed.length === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
