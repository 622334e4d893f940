import { runMultiNodeProof } from '../multi-node/multi-node-proof';
import type { BenchSettings, ScenarioReport } from './scenario';

/**
 * The full multi-node proof (multi-node/multi-node-proof.ts) at the bench's size: `--campaigns`
 * campaigns of `--campaign-size` influencers at once, on engines of its own (3 Kafka brokers),
 * 2 workers and 2 replicas of each service, while a broker, a worker and a replica are killed.
 * It runs apart from the shared rig, whose single broker and in-process services it does not use.
 */
export async function multiNodeScenario(
  settings: BenchSettings,
  log: (line: string) => void,
): Promise<ScenarioReport> {
  const { campaigns, campaignSize: influencers } = settings;
  const outcome = await runMultiNodeProof('bench', { campaigns, influencers }, log);
  return {
    scenario: 'multi-node',
    about:
      `${campaigns} campaigns × ${influencers} influencers at once over 3 Kafka brokers, 2 workers ` +
      `and 2 replicas of each service, one of each killed and restarted; weeks took ` +
      `${(outcome.weeksMs / 1000).toFixed(1)} s, ${outcome.client.repeated} of ` +
      `${outcome.client.sent} requests repeated`,
    table: outcome.table,
    notes: outcome.counts.problems.map((problem) => `PROBLEM: ${problem}`),
    results: outcome,
  };
}
