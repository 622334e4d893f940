import { performance } from 'node:perf_hooks';
import type { MailToCompose } from '@campaign/notifications-service';
import type { BenchMailbox, ReceivedMail } from './bench-mailbox';
import { chunks } from './huge-actors';
import { defaultMailSettings } from './mail-settings';
import type { NotificationsService } from './notifications-service';
import { SET_ASIDE, stillOwed } from './owed-mails';
import { sendMailsRaw } from './raw-mail-loop';

/**
 * Mails the raw loop sends first, unmeasured, so neither phase pays for cold code: with 50, the
 * phase that ran first (whichever) was about a third slower than when it ran second.
 */
const WARM_UP = 500;
/**
 * Between two looks at the outbox while the sender drains it. The phase's time is read from
 * maildev's receipts, not from these looks, so they can be rare; each one counts the owed rows of
 * the phase's events (a newsletter edition is one event of 100,000 rows), and at 50 ms they took
 * a quarter of a core from the sender they were timing.
 */
const POLL_MS = 500;

export type MailPhase = {
  mails: number;
  /** From the start to the last mail's receipt by maildev, in s. */
  wallS: number;
  perSecond: number;
  /** The bench process's CPU time per mail (user + system), in ms: the sender's or the loop's. */
  cpuMsPerMail: number;
  /** Mails missing, sent twice, or not marked sent exactly once. */
  errors: number;
  errorKinds: Record<string, number>;
};

/**
 * The mail sender against its raw ceiling, in one run: the mails owed for `eventIds` drained by
 * the service's sender (its config's defaults) into the bench's maildev; then the same mails,
 * composed by the same `composeMail`, sent by a bare nodemailer loop with the same settings.
 * maildev is emptied before each phase and after the last.
 */
export async function drainAgainstRawLoop(deps: {
  notifications: NotificationsService;
  mailbox: BenchMailbox;
  smtp: { host: string; port: number };
  eventIds: string[];
  mails: readonly { mail: MailToCompose; to: string }[];
  log: (line: string) => void;
}): Promise<{ sent: MailPhase; raw: MailPhase; ratio: number }> {
  const { notifications, mailbox, mails, log } = deps;
  const count = mails.length;
  const settings = defaultMailSettings();
  const unsubscribeUrlFor = (recipientId: string) =>
    notifications.unsubscribeLinks.urlFor(recipientId);

  log(`Warming up: ${Math.min(WARM_UP, count)} mails by the bare loop (not measured)`);
  await sendMailsRaw(deps.smtp, settings, mails.slice(0, WARM_UP), unsubscribeUrlFor);
  await mailbox.clear();

  log(`The mail sender drains the outbox (${settings.concurrency} at a time)`);
  const senderStart = Date.now();
  const senderCpu = process.cpuUsage();
  const sender = notifications.startMail();
  const deadline = performance.now() + Math.max(120_000, count * 50);
  try {
    while ((await stillOwed(notifications, deps.eventIds)) > 0) {
      if (performance.now() > deadline) throw new Error('the outbox was not drained in time');
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    await sender.stop();
  }
  const sent = await received(mailbox, count, senderStart, process.cpuUsage(senderCpu));
  const rows = await notifications.db.mailOutbox.findMany({
    where: {
      eventId: { in: deps.eventIds },
      OR: [{ skipped: null }, { skipped: { not: SET_ASIDE } }],
    },
    select: { attempts: true, skipped: true, sentAt: true },
  });
  for (const row of rows) {
    if (row.sentAt === null) tally(sent.errorKinds, 'not marked sent');
    else if (row.skipped !== null) tally(sent.errorKinds, 'skipped');
    else if (row.attempts !== 1) tally(sent.errorKinds, 'more than one attempt');
  }
  sent.errors = Object.values(sent.errorKinds).reduce((sum, n) => sum + n, 0);
  log(`  ${sent.perSecond.toFixed(1)} mails/s, ${sent.errors} errors`);
  await mailbox.clear();

  log(`The bare nodemailer loop sends the same ${count} mails`);
  const rawStart = Date.now();
  const rawCpu = process.cpuUsage();
  const rawFailed = await sendMailsRaw(deps.smtp, settings, mails, unsubscribeUrlFor);
  const raw = await received(mailbox, count, rawStart, process.cpuUsage(rawCpu));
  if (rawFailed > 0) raw.errorKinds['refused or failed'] = rawFailed;
  raw.errors = Object.values(raw.errorKinds).reduce((sum, n) => sum + n, 0);
  log(`  ${raw.perSecond.toFixed(1)} mails/s, ${raw.errors} errors`);
  await mailbox.clear();

  return { sent, raw, ratio: sent.perSecond / raw.perSecond };
}

/**
 * What maildev received since `startedAt`: the phase's wall time ends with the last receipt, so
 * both phases are timed by the same clock, however each learns it is done. A mail missing or
 * received twice (by Message-ID) is an error.
 */
async function received(
  mailbox: BenchMailbox,
  expected: number,
  startedAt: number,
  cpu: NodeJS.CpuUsage,
): Promise<MailPhase> {
  const mails = await mailbox.all();
  let last = startedAt;
  for (const batch of chunks<ReceivedMail>(mails, 500)) {
    const times = await Promise.all(batch.map((mail) => mailbox.receivedAt(mail)));
    last = Math.max(last, ...times);
  }
  const errorKinds: Record<string, number> = {};
  const ids = new Set(mails.map((mail) => mail.headers['message-id']));
  if (ids.size < mails.length) errorKinds['received twice'] = mails.length - ids.size;
  if (ids.size < expected) errorKinds['not received'] = expected - ids.size;
  const wallS = (last - startedAt) / 1000;
  return {
    mails: mails.length,
    wallS,
    perSecond: ids.size / wallS,
    cpuMsPerMail: (cpu.user + cpu.system) / 1000 / Math.max(1, ids.size),
    errors: 0,
    errorKinds,
  };
}

function tally(kinds: Record<string, number>, kind: string) {
  kinds[kind] = (kinds[kind] ?? 0) + 1;
}
