/** A mail as maildev's REST API lists it (the fields the tests read). */
export type DeliveredMail = {
  id: string;
  subject: string;
  text: string;
  html: string;
  to: { address: string }[];
  headers: Record<string, string>;
};

/** Reads what a real SMTP server (maildev) received, through its REST API. */
export function mailbox(webUrl: string) {
  return {
    async to(address: string): Promise<DeliveredMail[]> {
      const url = new URL('/api/email', webUrl);
      url.searchParams.set('to.address', address);
      const response = await fetch(url);
      if (!response.ok) throw new Error(`maildev answered ${response.status}`);
      return (await response.json()) as DeliveredMail[];
    },

    /** A mail's header as it came over SMTP (maildev's parsed `headers` keep only a few). */
    async header(mail: DeliveredMail, name: string): Promise<string | undefined> {
      const response = await fetch(
        new URL(`/api/email/${encodeURIComponent(mail.id)}/source`, webUrl),
      );
      if (!response.ok) throw new Error(`maildev answered ${response.status}`);
      const source = await response.text();
      const head = source.slice(0, source.search(/\r?\n\r?\n/));
      // Folded lines continue with whitespace (RFC 5322 2.2.3); unfold before reading.
      const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
      const line = unfolded
        .split(/\r?\n/)
        .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
      return line?.slice(name.length + 1).trim();
    },
  };
}
