import { randomUUID } from 'node:crypto';
import { createSmtpTransport, renderMail } from '@campaign/notifications-service';
import type { NotificationDraft } from '@campaign/notifications-service';
import type { MailSettings } from './mail-settings';

/**
 * The raw ceiling of sending mail: the same mails (each notification rendered by the service's
 * own templates, to the same addresses) through a transport with the same pooled settings
 * (`createSmtpTransport`, nodemailer with as many connections as the sender's concurrency), sent
 * by as many loops as the sender sends side by side, each one after the other. No database, no
 * outbox: only rendering and SMTP. Answers the mails that failed.
 */
export async function sendMailsRaw(
  smtp: { host: string; port: number },
  settings: MailSettings,
  mails: readonly { draft: NotificationDraft; to: string }[],
): Promise<number> {
  const transport = createSmtpTransport({ ...smtp, secure: false }, settings.concurrency);
  const domain = /@([^\s>]+)>?\s*$/.exec(settings.from)?.[1] ?? 'campaign-platform.invalid';
  let next = 0;
  let failed = 0;
  const loop = async () => {
    for (let i = next++; i < mails.length; i = next++) {
      const { draft, to } = mails[i]!;
      try {
        await transport.sendMail({
          from: settings.from,
          to,
          ...renderMail(draft, settings.appBaseUrl),
          messageId: `<${randomUUID()}@${domain}>`,
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
