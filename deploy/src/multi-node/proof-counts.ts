import { CAMPAIGN_EVENTS_TOPIC, campaignWorkflowId } from '@campaign/contracts';
import { brandUserKey, createKafka, createLogger, influencerKey } from '@campaign/service-runtime';
import { Client, Connection } from '@temporalio/client';
import { AssignerProtocol } from 'kafkajs';
import pg from 'pg';
import type { Cast } from './campaign-weeks';
import type { MultiNode } from './multi-node-rig';

/** The notifications service's consumer group of campaign events (its campaign-events-consumer). */
const NOTIFICATIONS_GROUP = 'notifications';
/** How long the counts wait for what is still on its way (events, mails) before they judge. */
const SETTLE_TIMEOUT_MS = 90_000;

export type Counts = {
  /** Per campaign: stored in each database against the cast's size. */
  campaigns: {
    campaignId: string;
    applications: number;
    agreementsSigned: number;
    collaborators: number;
    chatMembers: number;
  }[];
  notifications: { expected: number; stored: number; twice: number };
  mails: { expected: number; received: number; twice: number };
  /** Requests each service replica answered (from its proxy), and those skipped while it was down. */
  requests: Record<string, { answered: number; skipped: number }>;
  /** Workflow tasks and activities each worker ran, from the workflow histories' identities. */
  workers: Record<string, { workflowTasks: number; activities: number }>;
  /** Partitions of the campaign events (6) each notifications consumer holds at the end. */
  consumerPartitions: number[];
  /** Replicas of each partition of the campaign events topic. */
  topicReplication: number[];
  problems: string[];
};

/**
 * Counts what the week left behind and says what is wrong: nothing lost (every application,
 * signature, collaborator, chat member, notification and mail), nothing twice, and the work
 * spread over the replicas and workers.
 */
export async function countOutcome(
  rig: MultiNode,
  cast: Cast,
  campaignIds: string[],
): Promise<Counts> {
  const problems: string[] = [];
  const { databaseUrls } = rig.engines;
  const campaigns = [];
  const campaignDb = await connect(databaseUrls.campaign);
  const messagingDb = await connect(databaseUrls.messaging);
  const notificationsDb = await connect(databaseUrls.notifications);
  try {
    for (const [i, campaignId] of campaignIds.entries()) {
      const size = cast.campaigns[i]!.influencers.length;
      const count = async (db: pg.Client, sql: string) =>
        Number((await db.query<{ n: string }>(sql, [campaignId])).rows[0]!.n);
      // Chat members follow the collaboration's event: the messaging service may be a moment late.
      const chatMembers = await settled(
        () =>
          count(
            messagingDb,
            'SELECT count(*) AS n FROM collaboration_members WHERE campaign_id = $1',
          ),
        size,
      );
      const row = {
        campaignId,
        applications: await count(
          campaignDb,
          'SELECT count(*) AS n FROM applications WHERE campaign_id = $1',
        ),
        agreementsSigned: await count(
          campaignDb,
          "SELECT count(*) AS n FROM agreements WHERE campaign_id = $1 AND status = 'accepted'",
        ),
        collaborators: await count(
          campaignDb,
          'SELECT count(*) AS n FROM collaborators WHERE campaign_id = $1',
        ),
        chatMembers,
      };
      for (const [what, n] of Object.entries(row)) {
        if (typeof n === 'number' && n !== size)
          problems.push(`campaign ${i + 1}: ${n} ${what}, not ${size}`);
      }
      campaigns.push(row);
    }

    // Each influencer: one agreement and one congratulations; the brand user: one "is live" each.
    const expected = new Map<string, number>();
    for (const [i, campaignId] of campaignIds.entries()) {
      expected.set(
        `${brandUserKey(cast.brandId, cast.brandUserId)}|campaign_published|${campaignId}`,
        1,
      );
      for (const person of cast.campaigns[i]!.influencers) {
        for (const kind of ['agreement_sent', 'congratulations'])
          expected.set(`${influencerKey(person.id)}|${kind}|${campaignId}`, 1);
      }
    }
    const readNotifications = async () => {
      const { rows } = await notificationsDb.query<{ key: string; n: string }>(
        `SELECT recipient_id || '|' || kind || '|' || campaign_id AS key, count(*) AS n
           FROM notifications WHERE campaign_id = ANY($1::uuid[]) GROUP BY 1`,
        [campaignIds],
      );
      return new Map(rows.map((row) => [row.key, Number(row.n)]));
    };
    const stored = await settledMap(readNotifications, (found) =>
      [...expected.keys()].every((key) => found.has(key)),
    );
    for (const key of expected.keys()) {
      if (!stored.has(key)) problems.push(`notification missing: ${key.split('|')[1]}`);
    }
    const twice = [...stored.values()].filter((n) => n > 1).length;
    if (twice > 0) problems.push(`${twice} notifications stored more than once`);
    const notifications = {
      expected: expected.size,
      stored: [...expected.keys()].filter((key) => stored.has(key)).length,
      twice,
    };

    // Mails: each influencer's agreement and congratulations, once each, to their own address.
    const addresses = new Set(cast.campaigns.flatMap((c) => c.influencers.map((p) => p.email)));
    const expectedMails = addresses.size * 2;
    const readMails = async () => {
      const response = await fetch(new URL('/api/email', rig.engines.mail.webUrl));
      const mails = (await response.json()) as { subject: string; to: { address: string }[] }[];
      const byRecipient = new Map<string, number>();
      for (const mail of mails) {
        for (const { address } of mail.to) {
          if (!addresses.has(address)) continue;
          const key = `${address}|${mail.subject}`;
          byRecipient.set(key, (byRecipient.get(key) ?? 0) + 1);
        }
      }
      return byRecipient;
    };
    const received = await settledMap(readMails, (found) => found.size >= expectedMails);
    const mailsTwice = [...received.values()].filter((n) => n > 1).length;
    if (received.size !== expectedMails)
      problems.push(`${received.size} distinct mails received, not ${expectedMails}`);
    if (mailsTwice > 0) problems.push(`${mailsTwice} mails received more than once`);
    const mails = { expected: expectedMails, received: received.size, twice: mailsTwice };

    const requests: Counts['requests'] = {};
    for (const replica of rig.replicas.filter((r) => r.url)) {
      const proxy = rig.proxies[replica.kind as keyof typeof rig.proxies];
      requests[replica.name] = {
        answered: proxy.answered()[replica.url!] ?? 0,
        skipped: proxy.skipped()[replica.url!] ?? 0,
      };
    }
    const workers = await workByWorker(rig, campaignIds);
    const { consumerPartitions, topicReplication } = await kafkaSpread(rig);
    if (topicReplication.some((n) => n !== rig.cluster.replication))
      problems.push(`campaign events partitions with ${topicReplication.join(',')} replicas`);
    for (const replica of rig.replicas.filter((r) => r.kind !== 'worker')) {
      if (requests[replica.name]!.answered === 0) problems.push(`${replica.name} answered nothing`);
    }
    for (const [name, work] of Object.entries(workers)) {
      if (work.workflowTasks + work.activities === 0) problems.push(`${name} ran nothing`);
    }
    return {
      campaigns,
      notifications,
      mails,
      requests,
      workers,
      consumerPartitions,
      topicReplication,
      problems,
    };
  } finally {
    await Promise.all([campaignDb.end(), messagingDb.end(), notificationsDb.end()]);
  }
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** Reads until the count reaches `wanted` or the wait ends; a count above it comes back at once. */
async function settled(read: () => Promise<number>, wanted: number): Promise<number> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    const n = await read();
    if (n >= wanted || Date.now() > deadline) return n;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Reads until `complete`, then once more a little later, so a late duplicate is seen too. */
async function settledMap<T>(read: () => Promise<T>, complete: (found: T) => boolean): Promise<T> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while (!complete(await read()) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  return read();
}

/** Each worker's share of the campaigns' workflow tasks and activities, by its pids' identities. */
async function workByWorker(rig: MultiNode, campaignIds: string[]) {
  const workers = rig.replicas.filter((r) => r.kind === 'worker');
  const work = Object.fromEntries(
    workers.map((w) => [w.name, { workflowTasks: 0, activities: 0 }]),
  );
  const nameOf = (identity: string | null | undefined) =>
    workers.find((w) => w.pids.some((pid) => identity?.startsWith(`${pid}@`)))?.name;
  const connection = await Connection.connect({ address: rig.engines.temporal.address });
  try {
    const client = new Client({ connection });
    for (const campaignId of campaignIds) {
      const history = await client.workflow
        .getHandle(campaignWorkflowId(campaignId))
        .fetchHistory();
      // A local activity's marker follows the workflow task of the worker that ran it.
      let lastTask: string | undefined;
      for (const event of history.events ?? []) {
        const task = nameOf(event.workflowTaskCompletedEventAttributes?.identity);
        if (task) {
          work[task]!.workflowTasks += 1;
          lastTask = task;
        }
        const activity = event.markerRecordedEventAttributes
          ? lastTask
          : nameOf(event.activityTaskStartedEventAttributes?.identity);
        if (activity) work[activity]!.activities += 1;
      }
    }
  } finally {
    await connection.close();
  }
  return work;
}

/** The notifications consumers' partitions, and the campaign events topic's copies. */
async function kafkaSpread(rig: MultiNode) {
  const kafka = createKafka(
    'multi-node-proof',
    rig.engines.kafka.brokers.split(','),
    createLogger('multi-node-proof', 'silent'),
  );
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([NOTIFICATIONS_GROUP]);
    const consumerPartitions = (groups[0]?.members ?? []).map((member) => {
      const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
      // The campaign events' partitions only: the group's retries topic has one of its own.
      return decoded?.assignment[CAMPAIGN_EVENTS_TOPIC]?.length ?? 0;
    });
    const metadata = await admin.fetchTopicMetadata({ topics: [CAMPAIGN_EVENTS_TOPIC] });
    const topicReplication = metadata.topics[0]!.partitions.map((p) => p.replicas.length);
    return { consumerPartitions, topicReplication };
  } finally {
    await admin.disconnect();
  }
}
