import { performance } from 'node:perf_hooks';
import { benchMailbox, type BenchMailbox, type ReceivedMail } from './bench-mailbox';
import { chunks } from './huge-actors';
import { defaultMailSettings } from './mail-settings';
import { oweBummers, setAsideOwedMails, stillOwed } from './owed-mails';
import { sendMailsRaw } from './raw-mail-loop';
import type { Scenario } from './scenario';

/**
 * Mails the raw loop sends first, unmeasured, so neither phase pays for cold code: with 50, the
 * phase that ran first (whichever) was about a third slower than when it ran second.
 */
const WARM_UP = 500;
/** Between two looks at the outbox while the sender drains it (the end is read from maildev). */
const POLL_MS = 50;

type Phase = {
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
 * Mail throughput: N mails owed in the notifications service's e-mail outbox (bummers of a
 * collaboration's start, stored by the inbox store's `deliver` to influencers with an address on
 * file) drained by the service's mail sender, as configured by default, into the bench's maildev;
 * beside it the raw ceiling, a bare nodemailer loop sending the same mails with the same settings.
 */
export const mailThroughput: Scenario = {
  name: 'mail-throughput',
  async run(rig, settings, log) {
    const count = settings.mails;
    const notifications = await rig.notifications();
    const mailbox = benchMailbox(rig.mail);
    const smtp = { host: rig.mail.smtpHost, port: rig.mail.smtpPort };
    const mailSettings = defaultMailSettings();
    const setAside = await setAsideOwedMails(notifications);
    if (setAside > 0) log(`Set aside ${setAside} mails earlier scenarios left owed`);
    await mailbox.clear();

    log(`Owing ${count} mails (bummers to influencers with an address on file)`);
    const owed = await oweBummers(notifications, 'bench-mail-throughput', count);

    log(`Warming up: ${Math.min(WARM_UP, count)} mails by the bare loop (not measured)`);
    await sendMailsRaw(smtp, mailSettings, owed.mails.slice(0, WARM_UP));
    await mailbox.clear();

    log(`The mail sender drains the outbox (${mailSettings.concurrency} at a time)`);
    const senderStart = Date.now();
    const senderCpu = process.cpuUsage();
    const sender = notifications.startMail();
    const deadline = performance.now() + Math.max(120_000, count * 50);
    try {
      while ((await stillOwed(notifications, owed.eventIds)) > 0) {
        if (performance.now() > deadline) throw new Error('the outbox was not drained in time');
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    } finally {
      await sender.stop();
    }
    const sent = await received(mailbox, count, senderStart, process.cpuUsage(senderCpu));
    const rows = await notifications.db.mailOutbox.findMany({
      where: { eventId: { in: owed.eventIds } },
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
    const rawFailed = await sendMailsRaw(smtp, mailSettings, owed.mails);
    const raw = await received(mailbox, count, rawStart, process.cpuUsage(rawCpu));
    if (rawFailed > 0) raw.errorKinds['refused or failed'] = rawFailed;
    raw.errors = Object.values(raw.errorKinds).reduce((sum, n) => sum + n, 0);
    log(`  ${raw.perSecond.toFixed(1)} mails/s, ${raw.errors} errors`);
    await mailbox.clear();

    const ratio = sent.perSecond / raw.perSecond;
    return {
      scenario: 'mail-throughput',
      about:
        `${count} owed mails drained by the mail sender (defaults: ${mailSettings.concurrency} ` +
        `at a time) into maildev, against a bare nodemailer loop of the same mails`,
      table: {
        headers: [
          'mails',
          'at once',
          'mails/s',
          'wall s',
          'errors',
          'raw mails/s',
          'raw wall s',
          'raw errors',
          'ratio',
          'cpu ms/mail',
          'raw cpu ms/mail',
        ],
        rows: [
          [
            String(count),
            String(mailSettings.concurrency),
            sent.perSecond.toFixed(1),
            sent.wallS.toFixed(2),
            String(sent.errors),
            raw.perSecond.toFixed(1),
            raw.wallS.toFixed(2),
            String(raw.errors),
            ratio.toFixed(2),
            sent.cpuMsPerMail.toFixed(2),
            raw.cpuMsPerMail.toFixed(2),
          ],
        ],
      },
      results: { settings: mailSettings, sender: sent, raw, ratio },
    };
  },
};

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
): Promise<Phase> {
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
