/** Ids read per page; refreshed this many at once; pages per run before a fresh run. */
const PAGE = 100;
const AT_ONCE = 10;
const PAGES_PER_RUN = 20;

/**
 * One run's share of a sweep over ids in pages (accounts to refresh, results to read again): a few
 * at a time, each through its activity, counting what each came to (`failed` for one whose
 * activity gave up). A run stops after PAGES_PER_RUN pages so its history stays small however many
 * ids there are; it answers where the next run starts, or null when the sweep is done.
 * Deterministic: only the activities given reach anything.
 */
export async function sweepPages<Outcome extends string>(sweep: {
  after: string | null;
  totals: Record<Outcome | 'failed', number>;
  page: (after: string | null, limit: number) => Promise<string[]>;
  refresh: (id: string) => Promise<{ outcome: Outcome }>;
}): Promise<string | null> {
  let after = sweep.after;
  for (let page = 0; page < PAGES_PER_RUN; page += 1) {
    const ids = await sweep.page(after, PAGE);
    for (let start = 0; start < ids.length; start += AT_ONCE) {
      const results = await Promise.allSettled(
        ids.slice(start, start + AT_ONCE).map(sweep.refresh),
      );
      for (const result of results) {
        sweep.totals[result.status === 'fulfilled' ? result.value.outcome : 'failed'] += 1;
      }
    }
    if (ids.length < PAGE) return null;
    after = ids[ids.length - 1]!;
  }
  return after;
}
