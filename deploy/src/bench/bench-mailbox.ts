import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { MailEngine } from '../engines/maildev';

/** A mail as maildev's REST API lists it (the fields the bench reads). */
export type ReceivedMail = {
  id: string;
  subject: string;
  headers: Record<string, string>;
};

/**
 * The bench's SMTP server (maildev), read and cleared through its REST API.
 *
 * When it received a mail is read from the file it wrote the mail to: maildev writes each mail's
 * `<id>.eml` in full before it answers the sender, so the file's modification time is the moment
 * of receipt, to the millisecond. Its API's `time` is no such thing: it is the mail's own Date
 * header (set by the sender, to the second), and only without one the time of receipt.
 */
export function benchMailbox(mail: MailEngine) {
  const api = (route: string) => new URL(`/api${route}`, mail.webUrl);
  const ok = async (response: Response) => {
    if (!response.ok) throw new Error(`maildev answered ${response.status}`);
    return response;
  };
  return {
    /** How many mails it holds. */
    async count(): Promise<number> {
      const url = api('/email/summary');
      url.searchParams.set('limit', '1');
      const { storeTotal } = (await (await ok(await fetch(url))).json()) as { storeTotal: number };
      return storeTotal;
    },

    /** Forgets every mail (and deletes their files), so a phase counts only its own. */
    async clear(): Promise<void> {
      await (await ok(await fetch(api('/email/all'), { method: 'DELETE' }))).arrayBuffer();
    },

    /** The mails to one address. */
    async to(address: string): Promise<ReceivedMail[]> {
      const url = api('/email');
      url.searchParams.set('to.address', address);
      return (await (await ok(await fetch(url))).json()) as ReceivedMail[];
    },

    /** Every mail it holds: a large answer (its bodies included), for counting what arrived. */
    async all(): Promise<ReceivedMail[]> {
      return (await (await ok(await fetch(api('/email')))).json()) as ReceivedMail[];
    },

    /** When maildev received the mail, in epoch ms (see above). */
    async receivedAt(received: ReceivedMail): Promise<number> {
      return (await stat(path.join(mail.mailDirectory, `${received.id}.eml`))).mtimeMs;
    },
  };
}

export type BenchMailbox = ReturnType<typeof benchMailbox>;
