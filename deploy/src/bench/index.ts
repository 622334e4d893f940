import path from 'node:path';
import { parseArgs } from 'node:util';
import { dataDir, repoRoot } from '../paths';
import { startBenchRig } from './bench-rig';
import { eventToInbox } from './event-to-inbox';
import { eventToLive } from './event-to-live';
import { eventToMail } from './event-to-mail';
import { hotCampaign } from './hot-campaign';
import { hugeCampaign } from './huge-campaign';
import { mailThroughput } from './mail-throughput';
import { manyCampaigns } from './many-campaigns';
import { multiNodeScenario } from './multi-node';
import { newsletterDay } from './newsletter-day';
import { formatTable, machineFacts, writeResults } from './report';
import type { BenchSettings, Scenario, ScenarioReport } from './scenario';
import { countTemporalWarnings } from './temporal-logs';
import { webApp } from './web-app';

/**
 * `pnpm bench [--quick] [--applicants N] [--concurrency 1,8,32] [--samples N] [--campaigns N]
 * [--campaign-size N] [--huge N] [--mails N] [--newsletter N] [--newsletter-campaigns N]
 * [--scenario NAME] [--out FILE]` (`--scenario multi-node`: the multi-node proof, on its own engines):
 * starts its own engines (profiles.bench), runs the scenarios, prints a table per scenario and
 * writes every figure to .data/bench/results-<timestamp>.json. Not part of `pnpm test`: its
 * figures depend on the machine and on whatever else runs on it.
 */
const scenarios: Scenario[] = [
  hotCampaign,
  eventToInbox,
  manyCampaigns,
  hugeCampaign,
  mailThroughput,
  eventToMail,
  eventToLive,
  newsletterDay,
  webApp,
];

const full = {
  applicants: 2_000,
  concurrencies: [1, 8, 32, 128, 256],
  samples: 500,
  campaigns: 200,
  campaignSize: 50,
  hugeApplicants: 100_000,
  mails: 5_000,
  newsletterInfluencers: 100_000,
  newsletterCampaigns: 50,
};
const quick = {
  applicants: 200,
  concurrencies: [1, 8, 32],
  samples: 50,
  campaigns: 20,
  campaignSize: 10,
  hugeApplicants: 5_000,
  mails: 500,
  newsletterInfluencers: 10_000,
  newsletterCampaigns: 10,
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      applicants: { type: 'string' },
      concurrency: { type: 'string' },
      huge: { type: 'string' },
      mails: { type: 'string' },
      newsletter: { type: 'string' },
      'newsletter-campaigns': { type: 'string' },
      samples: { type: 'string' },
      campaigns: { type: 'string' },
      'campaign-size': { type: 'string' },
      scenario: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const defaults = values.quick ? quick : full;
  const settings: BenchSettings = {
    quick: values.quick,
    applicants: values.applicants
      ? positive(values.applicants, '--applicants')
      : defaults.applicants,
    concurrencies: values.concurrency
      ? values.concurrency.split(',').map((level) => positive(level, '--concurrency'))
      : defaults.concurrencies,
    hugeApplicants: values.huge ? positive(values.huge, '--huge') : defaults.hugeApplicants,
    mails: values.mails ? positive(values.mails, '--mails') : defaults.mails,
    newsletterInfluencers: values.newsletter
      ? positive(values.newsletter, '--newsletter')
      : defaults.newsletterInfluencers,
    newsletterCampaigns: values['newsletter-campaigns']
      ? positive(values['newsletter-campaigns'], '--newsletter-campaigns')
      : defaults.newsletterCampaigns,
    samples: values.samples ? positive(values.samples, '--samples') : defaults.samples,
    campaigns: values.campaigns ? positive(values.campaigns, '--campaigns') : defaults.campaigns,
    campaignSize: values['campaign-size']
      ? positive(values['campaign-size'], '--campaign-size')
      : defaults.campaignSize,
  };
  const chosen = values.scenario
    ? scenarios.filter((scenario) => scenario.name === values.scenario)
    : scenarios;
  // The multi-node proof brings its own engines and processes: asked for by name only.
  const multiNode = values.scenario === 'multi-node';
  if (chosen.length === 0 && !multiNode) {
    throw new Error(
      `no scenario ${values.scenario}; there is ${[...scenarios.map((s) => s.name), 'multi-node'].join(', ')}`,
    );
  }
  const startedAt = new Date().toISOString();
  const out = path.resolve(
    values.out ?? path.join(dataDir('bench'), `results-${startedAt.replace(/[:.]/g, '-')}.json`),
  );
  const atStart = machineFacts();
  const log = (line: string) => console.error(line);

  const temporalLogs = countTemporalWarnings();
  const reports: ScenarioReport[] = [];
  if (multiNode) {
    log('Scenario multi-node');
    reports.push(await multiNodeScenario(settings, (line) => log(`  ${line}`)));
  }
  if (chosen.length > 0) reports.push(...(await runOnSharedRig(chosen, settings, log)));

  const machine = { atStart, atEnd: machineFacts() };
  for (const report of reports) {
    console.log(`\n${report.scenario}: ${report.about}\n\n${formatTable(report.table)}`);
    for (const note of report.notes ?? []) console.log(note);
  }
  console.log(
    `\nMachine: ${atStart.cpus} × ${atStart.cpuModel}, ${atStart.memoryGiB} GiB, Node ${atStart.node}; ` +
      `load average ${atStart.loadAverage.join(' / ')} at start, ${machine.atEnd.loadAverage.join(' / ')} at end`,
  );
  for (const [message, count] of Object.entries(temporalLogs.warnings)) {
    console.log(`Temporal worker warnings: ${count} × ${message}`);
  }
  writeResults(out, {
    startedAt,
    settings,
    machine,
    scenarios: reports,
    temporalWorkerWarnings: temporalLogs.warnings,
    temporalWorkerWarningExamples: temporalLogs.firstOf,
  });
  console.log(`Results: ${path.relative(repoRoot, out)}`);
}

/** The scenarios that share one rig: its engines start once and stop after the last. */
async function runOnSharedRig(
  chosen: Scenario[],
  settings: BenchSettings,
  log: (line: string) => void,
): Promise<ScenarioReport[]> {
  log('Starting the bench engines');
  const rig = await startBenchRig(log);
  // Ctrl-C stops the engines too, rather than leaving them on the bench's ports (a later start
  // would clear them, but only a later start); a stop that hangs is cut short.
  const interrupted = () => {
    setTimeout(() => process.exit(130), 20_000).unref();
    void rig.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const reports: ScenarioReport[] = [];
  try {
    for (const scenario of chosen) {
      log(`Scenario ${scenario.name}`);
      reports.push(await scenario.run(rig, settings, (line) => log(`  ${line}`)));
    }
  } finally {
    await rig.stop();
  }

  return reports;
}

function positive(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${flag} wants a positive whole number`);
  return value;
}

main().then(
  // The Temporal and Kafka clients keep timers; the bench is done once its results are written.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
