import { formatTable } from '../src/bench/report';
import { runMultiNodeProof } from '../src/multi-node/multi-node-proof';

// The system as it runs at scale, on this machine: three Kafka brokers (three copies of every
// partition), two workers and two replicas of each service behind round-robin proxies, all real
// processes on engines of the test's own (ports moved by TEST_PORT_OFFSET). Three campaigns go
// through their week at once while a broker, a worker and a campaign replica are killed and
// started again; nothing may be lost or done twice, and the work must spread.
describe('several nodes of each part, one of each killed mid-week (real engines, 3 Kafka brokers)', () => {
  it('loses nothing, does nothing twice and spreads the work over replicas and workers', async () => {
    const outcome = await runMultiNodeProof('test', { campaigns: 3, influencers: 10 }, () => {});
    console.log(
      `multi-node proof: 3 campaigns × 10 influencers, weeks ${(outcome.weeksMs / 1000).toFixed(1)} s, ` +
        `start ${(outcome.startMs / 1000).toFixed(1)} s; ${outcome.client.sent} requests, ` +
        `${outcome.client.repeated} repeated\n${formatTable(outcome.table)}`,
    );
    const { counts } = outcome;
    expect(counts.problems).toEqual([]);
    for (const campaign of counts.campaigns) {
      expect(campaign).toMatchObject({
        applications: 10,
        agreementsSigned: 10,
        collaborators: 10,
        chatMembers: 10,
      });
    }
    // 30 agreements and 30 congratulations, 3 "your campaign is live": each stored once.
    expect(counts.notifications).toEqual({ expected: 63, stored: 63, twice: 0 });
    expect(counts.mails).toEqual({ expected: 60, received: 60, twice: 0 });
    expect(outcome.kills.map((kill) => kill.victim).sort()).toEqual([
      'campaign-1',
      'kafka-2',
      'worker-1',
    ]);
    for (const answered of Object.values(counts.requests).map((r) => r.answered)) {
      expect(answered).toBeGreaterThan(0);
    }
    for (const work of Object.values(counts.workers)) {
      expect(work.workflowTasks + work.activities).toBeGreaterThan(0);
    }
    expect(counts.consumerPartitions).toHaveLength(2);
    expect(counts.consumerPartitions.reduce((a, b) => a + b, 0)).toBe(6);
    expect(new Set(counts.topicReplication)).toEqual(new Set([3]));
  }, 420_000);
});
