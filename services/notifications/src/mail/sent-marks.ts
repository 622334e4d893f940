/**
 * Marks rows sent in groups: `mark(id)` answers once a statement marking that row has committed.
 * Rows marked while a statement is being written go together in the next one, so however many
 * sends finish at once, the database sees one statement at a time, not one per row.
 */
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
      if (!writing) void writeWaiting();
      return marked;
    },
  };
}
