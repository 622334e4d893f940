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
  };
}
