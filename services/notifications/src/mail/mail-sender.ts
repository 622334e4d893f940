import { startOutboxRelay, type Logger, type OutboxRelay } from '@campaign/service-runtime';
import nodemailer from 'nodemailer';
import type { AddressBook } from './address-book';
import type { MailOutbox, OwedMail } from './mail-outbox';
import { renderDigest } from './digest-template';
import { owedQueue } from './owed-queue';
import { groupedMarks } from './sent-marks';
import { renderMail, type MailContent } from './templates';
import { renderAccountMail } from './account-mail';
import type { NotificationKind } from '@campaign/contracts';

/** What sends one mail: nodemailer's `sendMail`, or a test's stand-in. */
export type MailTransport = {
  sendMail(mail: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html: string;
    messageId: string;
    headers?: Record<string, string>;
  }): Promise<unknown>;
  close?(): void;
};

/**
 * Rows a round claims per mail sent at once: enough that its claim and address look-up are spread
 * over many mails, few enough that a round's rows are all tried long within their lease.
 */
const ROWS_PER_CONNECTION = 10;

export type SmtpSettings = {
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
};

/** A pooled SMTP transport: a few connections kept open, so a burst does not reconnect per mail. */
export function createSmtpTransport(smtp: SmtpSettings, maxConnections: number): MailTransport {
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.auth ? { auth: smtp.auth } : {}),
    pool: true,
    maxConnections,
    // Fail fast while the server is away: the row backs off and is tried again.
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 30_000,
  });
}

export type MailRetry = {
  /** The first retry waits this long; each further one twice as long, up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
};

/** The wait before the next attempt of a row that has now failed `attempts` times. */
export function mailRetryDelay(attempts: number, retry: MailRetry): number {
  return Math.min(retry.initialDelayMs * 2 ** Math.max(0, attempts - 1), retry.maxDelayMs);
}

/**
 * The mail sender: the shared outbox relay loop over the e-mail outbox. A round claims owed rows
 * in batches (`ROWS_PER_CONNECTION` per connection) with their addresses, the next batch while
 * the last rows of the one before are being sent (`owedQueue`), and sends them `concurrency` at a
 * time, each connection taking the next row as soon as its last one was answered: no send waits
 * for the slowest of a group, nor for a claim, and a claim and its look-up are paid once per
 * batch, not once per few mails. A row the server accepted is marked sent while its
 * connection sends the next one, together with the rows the other connections had accepted
 * meanwhile, in one statement (`groupedMarks`). A mark is a commit, which costs about as much as a
 * send: one per row, waited for before the next send, halved the sender's rate (BENCHMARKS.md,
 * mail throughput).
 *
 * Once per recipient per event: the row is unique per (event, recipient, kind), is claimed by one
 * sender at a time, and is marked sent right after the SMTP server accepted it, while at most one
 * more row goes out on its connection. A sender killed between the server's acceptance and that
 * mark sends that row again once its lease expires: at most the rows accepted or in flight at that
 * moment, two per connection (`2 × concurrency`), each at most once more, and with the same
 * Message-ID (derived from the row id), so a duplicate is recognisable as one. Rows of a round it
 * never tried are handed back, owed again at once.
 *
 * A failed attempt leaves the row owed and waits longer each time (`mailRetryDelay`); a round in
 * which no send succeeded (the SMTP server is away) also makes the relay back off as a whole.
 * A permanent refusal (SMTP 5xx) or an inbox without an address is marked skipped, never retried.
 * Addresses are never logged, nor stored with errors.
 */
export function startMailSender(deps: {
  outbox: MailOutbox;
  addressBook: AddressBook;
  transport: MailTransport;
  from: string;
  appBaseUrl: string;
  /** The one-click unsubscribe link of a digest's recipient (`UnsubscribeLinks.urlFor`). */
  unsubscribeUrlFor: (recipientId: string) => Promise<string>;
  /** The platform's AUTH_SECRET: account mails' sign-in links open under it (`openLink`). */
  linkSecret: string;
  logger: Logger;
  retry: MailRetry;
  /** How long a claimed row is held before another sender may take it (the sender died). */
  leaseMs?: number;
  /** Mails sent side by side (the transport's connections). */
  concurrency?: number;
  idleMs?: number;
}): OutboxRelay {
  const leaseMs = deps.leaseMs ?? 60_000;
  const concurrency = deps.concurrency ?? 5;
  const batch = concurrency * ROWS_PER_CONNECTION;
  const domain = messageIdDomain(deps.from);

  /** What became of one row: accepted (to be marked sent), done with, or owed again. */
  async function sendOne(
    mail: OwedMail,
    to: string | undefined,
  ): Promise<'accepted' | 'done' | 'failed'> {
    if (!to) {
      await deps.outbox.markSkipped(mail.id, 'no address on file');
      deps.logger.info(
        { mailId: mail.id, recipientId: mail.recipientId },
        'mail skipped: no address',
      );
      return 'done';
    }
    let composed: { content: MailContent; headers?: Record<string, string> };
    if (mail.kind === 'account' || mail.account) {
      // Opened here, as the mail is rendered: nowhere else is a sign-in link ever in clear.
      const content = mail.account ? renderAccountMail(mail.account, deps.linkSecret) : null;
      if (!content) {
        await deps.outbox.markSkipped(mail.id, 'the sign-in links do not open');
        deps.logger.warn({ mailId: mail.id }, 'account mail skipped: its links do not open');
        return 'done';
      }
      composed = { content };
    } else {
      composed = await composeMail(
        { ...mail, kind: mail.kind },
        deps.appBaseUrl,
        deps.unsubscribeUrlFor,
      );
    }
    const { content, headers } = composed;
    try {
      await deps.transport.sendMail({
        from: deps.from,
        to,
        ...content,
        messageId: `<${mail.id}@${domain}>`,
        ...(headers ? { headers } : {}),
      });
    } catch (error) {
      const reason = describeSmtpFailure(error);
      if (isPermanent(error)) {
        await deps.outbox.markSkipped(mail.id, `refused: ${reason}`);
        deps.logger.warn({ mailId: mail.id, reason }, 'mail refused by the SMTP server');
        return 'done';
      }
      const retryInMs = mailRetryDelay(mail.attempts, deps.retry);
      await deps.outbox.markFailed(mail.id, reason, retryInMs);
      deps.logger.debug({ mailId: mail.id, reason, retryInMs }, 'mail not sent; retrying later');
      return 'failed';
    }
    return 'accepted';
  }

  // Set by `stop`: the round in flight sends the rows it has, and claims no more.
  let stopping = false;
  const relay = startOutboxRelay({
    name: 'mail',
    batch,
    logger: deps.logger,
    idleMs: deps.idleMs,
    sendOwed: async () => {
      const queue = owedQueue({
        claim: () => deps.outbox.claim(batch, leaseMs),
        addressesOf: (ids) => deps.addressBook.addressesOf(ids),
        batch,
        // Half a batch ahead: the next claim (a digest carries its campaigns) has that long.
        lowWater: batch / 2,
        stopping: () => stopping,
      });
      if (!(await queue.start())) return 0;
      const marks = groupedMarks((ids) => deps.outbox.markSent(ids));
      let settled = 0;
      let failed = 0;
      const sendInTurn = async () => {
        // The mark of this connection's last accepted row, written while its next row is sent.
        let marking: Promise<void> = Promise.resolve();
        // After a failed send the server is likely away: the round tries no further rows.
        for (
          let row = await queue.next();
          row;
          row = failed === 0 ? await queue.next() : undefined
        ) {
          const outcome = await sendOne(row.mail, row.to);
          // The last mark has committed before the next begins: per connection, at most the
          // row being sent and the one before it are accepted and not yet marked.
          await marking;
          if (outcome === 'accepted') {
            marking = marks.mark(row.mail.id);
            // Awaited above or below; until then its failure is not an unhandled one.
            marking.catch(() => {});
          }
          if (outcome === 'failed') {
            failed += 1;
            queue.close();
          } else settled += 1;
        }
        await marking;
      };
      // Every sender of the round ends before the round does, even when one of them failed.
      const ended = await Promise.allSettled(Array.from({ length: concurrency }, sendInTurn));
      const { ids, failure, claimed } = await queue.unsent();
      // Owed again at once, as if never claimed: their lease would only keep them waiting.
      await deps.outbox.release(ids);
      for (const end of ended) if (end.status === 'rejected') throw end.reason;
      if (settled === 0 && failed > 0) {
        throw new Error(`the SMTP server took none of ${failed} mails`);
      }
      if (failure !== undefined) throw failure;
      return claimed;
    },
  });
  return {
    wake: () => relay.wake(),
    async stop() {
      stopping = true;
      await relay.stop();
    },
  };
}

/** What a mail's content is made of: an owed row's notification, and for a digest its campaigns. */
export type MailToCompose = Pick<
  OwedMail,
  'recipientId' | 'title' | 'body' | 'campaignId' | 'campaigns'
> & { kind: NotificationKind };

/**
 * A mail's subject, text, HTML and list headers: its kind's template, or for a newsletter digest
 * the digest's, with the one-click unsubscribe (RFC 8058) in the headers for the mail client and
 * in the text for the reader.
 */
export async function composeMail(
  mail: MailToCompose,
  appBaseUrl: string,
  unsubscribeUrlFor: (recipientId: string) => Promise<string>,
): Promise<{ content: MailContent; headers?: Record<string, string> }> {
  if (mail.kind !== 'newsletter') return { content: renderMail(mail, appBaseUrl) };
  const unsubscribeUrl = await unsubscribeUrlFor(mail.recipientId);
  return {
    content: renderDigest(mail, appBaseUrl, unsubscribeUrl),
    headers: {
      'List-Unsubscribe': `<${unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}

/** The domain of the sender's address, for Message-IDs (`<row id@domain>`). */
function messageIdDomain(from: string): string {
  const match = /@([^\s>]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'campaign-platform.invalid';
}

type SmtpError = { code?: unknown; responseCode?: unknown; name?: unknown };

function isPermanent(error: unknown): boolean {
  const { responseCode } = (error ?? {}) as SmtpError;
  return typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
}

/** Why a send failed, by code only: SMTP replies and messages can quote the address. */
export function describeSmtpFailure(error: unknown): string {
  const { code, responseCode, name } = (error ?? {}) as SmtpError;
  const parts = [
    typeof code === 'string' ? code : typeof name === 'string' ? name : 'Error',
    typeof responseCode === 'number' ? String(responseCode) : undefined,
  ];
  return parts.filter(Boolean).join(' ');
}
