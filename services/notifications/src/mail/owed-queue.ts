import type { OwedMail } from './mail-outbox';

/** An owed row with where it goes (absent: no address on file). */
export type OwedRow = { mail: OwedMail; to: string | undefined };

/**
 * A round's rows, claimed a batch at a time: the next batch is claimed (with its addresses) while
 * the connections still send the last rows of the one before, so no connection waits for a claim
 * as long as rows are owed. Claiming ends when a claim comes back short (nothing more is owed
 * now), when `stopping()` says so, or after `close()` (a send failed: the server is likely away).
 */
export function owedQueue(deps: {
  claim: () => Promise<OwedMail[]>;
  addressesOf: (recipientIds: string[]) => Promise<Map<string, string>>;
  batch: number;
  /** Rows left at which the next claim starts: about one per connection. */
  lowWater: number;
  stopping: () => boolean;
}) {
  const rows: OwedRow[] = [];
  let claimed = 0;
  let exhausted = false;
  let refill: Promise<void> | undefined;
  let failure: unknown;
  let reading: OwedMail[] = [];

  async function claimMore(): Promise<void> {
    const owed = await deps.claim();
    if (owed.length < deps.batch) exhausted = true;
    if (owed.length === 0) return;
    claimed += owed.length;
    // This round's from now on: handed back by `unsent` if its addresses cannot be read.
    reading = owed;
    const addresses = await deps.addressesOf(owed.map((mail) => mail.recipientId));
    rows.push(...owed.map((mail) => ({ mail, to: addresses.get(mail.recipientId) })));
    reading = [];
  }

  function startRefill(): void {
    if (refill || exhausted || failure !== undefined || deps.stopping()) return;
    refill = claimMore()
      .catch((error: unknown) => {
        failure = error;
        exhausted = true;
      })
      .finally(() => {
        refill = undefined;
      });
  }

  return {
    /** Claims the round's first batch; false when nothing is owed. */
    async start(): Promise<boolean> {
      await claimMore();
      return claimed > 0;
    },

    /** The next row to send, waiting for a claim in flight; undefined once there is none. */
    async next(): Promise<OwedRow | undefined> {
      for (;;) {
        if (rows.length <= deps.lowWater) startRefill();
        if (rows.length > 0) return rows.shift();
        if (!refill) return undefined;
        await refill;
      }
    },

    /** No further claims (a send failed); the rows left are handed back by `unsent`. */
    close(): void {
      exhausted = true;
    },

    /** After the round: the rows claimed and never tried, and a claim's failure if one failed. */
    async unsent(): Promise<{ ids: string[]; failure: unknown; claimed: number }> {
      await refill;
      const ids = [...rows.splice(0).map((row) => row.mail.id), ...reading.map((mail) => mail.id)];
      return { ids, failure, claimed };
    },
  };
}
