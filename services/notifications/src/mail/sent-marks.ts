/**
 * Marks rows sent in groups: `mark(id)` answers once a statement marking that row has committed.
 * Rows marked while a statement is being written go together in the next one, so however many
 * sends finish at once, the database sees one statement at a time, not one per row.
 */
/** How long the first mark of a group waits for others (a send takes several times this). */
const GATHER_MS = 3;

export function groupedMarks(write: (ids: string[]) => Promise<void>) {
  let waiting: { id: string; done: () => void; failed: (error: unknown) => void }[] = [];
  let writing = false;

  async function writeWaiting() {
    writing = true;
    while (waiting.length > 0) {
      const group = waiting;
      waiting = [];
      try {
        await write(group.map(({ id }) => id));
        for (const { done } of group) done();
      } catch (error) {
        for (const { failed } of group) failed(error);
      }
    }
    writing = false;
  }

  return {
    mark(id: string): Promise<void> {
      const marked = new Promise<void>((done, failed) => waiting.push({ id, done, failed }));
      if (!writing) {
        // A moment's wait gathers the marks of the other connections' sends finishing about now
        // into the same statement; each connection has a whole send before it waits for its mark.
        writing = true;
        setTimeout(() => void writeWaiting(), GATHER_MS);
      }
      return marked;
    },
  };
}
