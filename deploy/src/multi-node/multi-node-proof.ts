import { actionsPerWeek, runWeek, seedCast } from './campaign-weeks';
import { killPlan, type KillRecord } from './kill-plan';
import { startMultiNode } from './multi-node-rig';
import { countOutcome, type Counts } from './proof-counts';
import { retryingClient, type ClientTally } from './retrying-client';

export type ProofOutcome = {
  campaigns: number;
  influencers: number;
  /** From the first action to the last collaboration started. */
  weeksMs: number;
  startMs: number;
  kills: KillRecord[];
  client: ClientTally;
  counts: Counts;
  /** The counts as lines of a table, for the terminal and the bench's report. */
  table: { headers: string[]; rows: string[][] };
};

/**
 * The multi-node proof: `campaigns` compressed weeks of `influencers` each, all at once, through
 * the services' proxies, while one Kafka broker, one worker and one campaign service replica are
 * killed (SIGKILL) and later started again. Then it counts what was stored, notified and mailed,
 * and how the work spread over the replicas and workers.
 */
export async function runMultiNodeProof(
  kind: 'test' | 'bench',
  { campaigns, influencers }: { campaigns: number; influencers: number },
  log: (line: string) => void,
): Promise<ProofOutcome> {
  const started = Date.now();
  log('Starting engines (3 Kafka brokers), 2 workers, 2 replicas of each service, 3 proxies');
  const rig = await startMultiNode(kind, log);
  try {
    const startMs = Date.now() - started;
    const cast = await seedCast(
      rig.engines.databaseUrls,
      rig.wiring.authSecret,
      campaigns,
      influencers,
    );
    const byName = (name: string) => rig.replicas.find((r) => r.name === name)!;
    // Broker 2 of 3, worker 1 of 2, campaign replica 1 of 2: each down while the weeks go on.
    const plan = killPlan(
      [
        { victim: rig.cluster.nodes[1]!, killAt: 0.1, restartAt: 0.45 },
        { victim: byName('worker-1'), killAt: 0.3, restartAt: 0.65 },
        { victim: byName('campaign-1'), killAt: 0.5, restartAt: 0.8 },
      ],
      log,
    );
    const total = campaigns * actionsPerWeek(influencers);
    let done = 0;
    const client: ClientTally = { sent: 0, repeated: 0, alreadyDone: 0 };
    const send = retryingClient(client);
    log(`${campaigns} campaigns × ${influencers} influencers, all at once, through the proxies`);
    const weeksStarted = Date.now();
    const campaignIds = await Promise.all(
      Array.from({ length: campaigns }, (_, i) =>
        runWeek(send, rig.proxies.campaign.url, rig.engines.databaseUrls.campaign, cast, i, () =>
          plan.advance(++done / total),
        ),
      ),
    );
    const weeksMs = Date.now() - weeksStarted;
    const kills = await plan.finish();
    // Every influencer reads their inbox and conversations, as the web app does, via the proxies.
    for (const person of cast.campaigns.flatMap((c) => c.influencers)) {
      await send(rig.proxies.notifications.url, 'GET', '/notifications?limit=5', person.auth);
      await send(rig.proxies.messaging.url, 'GET', '/conversations', person.auth);
    }
    log('Counting what was stored, notified and mailed');
    const counts = await countOutcome(rig, cast, campaignIds);
    return {
      campaigns,
      influencers,
      weeksMs,
      startMs,
      kills,
      client,
      counts,
      table: proofTable(counts, kills),
    };
  } finally {
    await rig.stop();
  }
}

function proofTable(counts: Counts, kills: KillRecord[]) {
  const sum = (key: 'applications' | 'agreementsSigned' | 'collaborators' | 'chatMembers') =>
    String(counts.campaigns.reduce((n, c) => n + c[key], 0));
  const rows: string[][] = [
    ['stored', 'applications', sum('applications')],
    ['stored', 'agreements signed', sum('agreementsSigned')],
    ['stored', 'collaborators', sum('collaborators')],
    ['stored', 'collaboration chat members', sum('chatMembers')],
    [
      'notified',
      'notifications (expected / stored / twice)',
      `${counts.notifications.expected} / ${counts.notifications.stored} / ${counts.notifications.twice}`,
    ],
    [
      'mailed',
      'mails (expected / received / twice)',
      `${counts.mails.expected} / ${counts.mails.received} / ${counts.mails.twice}`,
    ],
    ...Object.entries(counts.requests).map(([name, r]) => [
      'requests',
      name,
      `${r.answered} answered, ${r.skipped} skipped while down`,
    ]),
    ...Object.entries(counts.workers).map(([name, w]) => [
      'workflow work',
      name,
      `${w.workflowTasks} workflow tasks, ${w.activities} activities`,
    ]),
    ...counts.consumerPartitions.map((n, i) => [
      'consumer',
      `notifications consumer ${i + 1}`,
      `${n} partitions`,
    ]),
    ['kafka', 'copies per partition', [...new Set(counts.topicReplication)].join(', ')],
    ...kills.map((k) => [
      'killed',
      k.victim,
      `at ${(k.killedAtMs / 1000).toFixed(1)} s, back after ${(k.downMs / 1000).toFixed(1)} s`,
    ]),
  ];
  return { headers: ['what', 'where', 'count'], rows };
}
