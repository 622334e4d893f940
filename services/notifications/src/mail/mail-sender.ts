import { startOutboxRelay, type Logger, type OutboxRelay } from '@campaign/service-runtime';
import nodemailer from 'nodemailer';
import type { AddressBook } from './address-book';
import type { MailOutbox, OwedMail } from './mail-outbox';
import { renderDigest } from './digest-template';
import { renderMail, type MailContent } from './templates';

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

export type SmtpSettings = { host: string; port: number; secure: boolean };

/** A pooled SMTP transport: a few connections kept open, so a burst does not reconnect per mail. */
export function createSmtpTransport(smtp: SmtpSettings, maxConnections: number): MailTransport {
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
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
 * The mail sender: the shared outbox relay loop over the e-mail outbox. Each round claims owed
 * rows, renders each kind's template, sends it and marks the row sent at once.
 *
 * Once per recipient per event: the row is unique per (event, recipient, kind), is claimed by one
 * sender at a time, and is marked sent right after the SMTP server accepted it. A sender killed
 * between the server's acceptance and that mark sends that row again once its lease expires: at
 * most the rows in flight at that moment (`concurrency`), each at most once more, and with the same
 * Message-ID (derived from the row id), so a duplicate is recognisable as one.
 *
 * A failed attempt leaves the row owed and waits longer each time (`mailRetryDelay`); a round in
 * which every send failed (the SMTP server is away) also makes the relay back off as a whole.
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
  logger: Logger;
  retry: MailRetry;
  /** How long a claimed row is held before another sender may take it (the sender died). */
  leaseMs?: number;
  /** Rows claimed, and sent side by side, per round. */
  concurrency?: number;
  idleMs?: number;
}): OutboxRelay {
  const leaseMs = deps.leaseMs ?? 60_000;
  const batch = deps.concurrency ?? 5;
  const domain = messageIdDomain(deps.from);

  async function compose(
    mail: OwedMail,
  ): Promise<{ content: MailContent; headers?: Record<string, string> }> {
    if (mail.kind !== 'newsletter') return { content: renderMail(mail, deps.appBaseUrl) };
    // A list mail: one-click unsubscribe (RFC 8058) for the mail client, and in the text.
    const unsubscribeUrl = await deps.unsubscribeUrlFor(mail.recipientId);
    return {
      content: renderDigest(mail, deps.appBaseUrl, unsubscribeUrl),
      headers: {
        'List-Unsubscribe': `<${unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    };
  }

  async function sendOne(mail: OwedMail, to: string | undefined): Promise<boolean> {
    if (!to) {
      await deps.outbox.markSkipped(mail.id, 'no address on file');
      deps.logger.info(
        { mailId: mail.id, recipientId: mail.recipientId },
        'mail skipped: no address',
      );
      return true;
    }
    const { content, headers } = await compose(mail);
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
        return true;
      }
      const retryInMs = mailRetryDelay(mail.attempts, deps.retry);
      await deps.outbox.markFailed(mail.id, reason, retryInMs);
      deps.logger.debug({ mailId: mail.id, reason, retryInMs }, 'mail not sent; retrying later');
      return false;
    }
    await deps.outbox.markSent(mail.id);
    return true;
  }

  return startOutboxRelay({
    name: 'mail',
    batch,
    logger: deps.logger,
    idleMs: deps.idleMs,
    sendOwed: async () => {
      const owed = await deps.outbox.claim(batch, leaseMs);
      if (owed.length === 0) return 0;
      const addresses = await deps.addressBook.addressesOf(owed.map((mail) => mail.recipientId));
      const outcomes = await Promise.all(
        owed.map((mail) => sendOne(mail, addresses.get(mail.recipientId))),
      );
      if (outcomes.every((done) => !done)) {
        throw new Error(`the SMTP server took none of ${owed.length} mails`);
      }
      return owed.length;
    },
  });
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
