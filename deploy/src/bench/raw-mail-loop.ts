import { randomUUID } from 'node:crypto';
import {
  composeMail,
  createSmtpTransport,
  type MailToCompose,
} from '@campaign/notifications-service';
import type { MailSettings } from './mail-settings';

/**
 * The raw ceiling of sending mail: the same mails (each composed by the service's own
 * `composeMail`, to the same addresses) through a transport with the same pooled settings
 * (`createSmtpTransport`, nodemailer with as many connections as the sender's concurrency), sent
 * by as many loops as the sender sends side by side, each one after the other. No database, no
 * outbox: only rendering and SMTP. Answers the mails that failed.
 */
export async function sendMailsRaw(
  smtp: { host: string; port: number },
  settings: MailSettings,
  mails: readonly { mail: MailToCompose; to: string }[],
  /** A digest's unsubscribe link, as the sender makes it. */
  unsubscribeUrlFor: (recipientId: string) => Promise<string> = async () => settings.appBaseUrl,
): Promise<number> {
  const transport = createSmtpTransport({ ...smtp, secure: false }, settings.concurrency);
  const domain = /@([^\s>]+)>?\s*$/.exec(settings.from)?.[1] ?? 'campaign-platform.invalid';
  let next = 0;
  let failed = 0;
  const loop = async () => {
    for (let i = next++; i < mails.length; i = next++) {
      const { mail, to } = mails[i]!;
      try {
        const { content, headers } = await composeMail(
          mail,
          settings.appBaseUrl,
          unsubscribeUrlFor,
        );
        await transport.sendMail({
          from: settings.from,
          to,
          ...content,
          messageId: `<${randomUUID()}@${domain}>`,
          ...(headers ? { headers } : {}),
        });
      } catch {
        failed += 1;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: settings.concurrency }, loop));
  } finally {
    transport.close?.();
  }
  return failed;
}
