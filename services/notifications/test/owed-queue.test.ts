import type { OwedMail } from '../src/mail/mail-outbox';
import { owedQueue } from '../src/mail/owed-queue';

const mail = (n: number): OwedMail => ({
  id: `row-${n}`,
  recipientId: `influencer/${n}`,
  attempts: 1,
  kind: 'bummer',
  title: 'title',
  body: 'body',
  campaignId: null,
  campaigns: [],
  account: null,
});

/** An outbox of `owed` rows, claimed `batch` at a time, counting its claims. */
function outbox(owed: number, batch: number) {
  let next = 0;
  const claims: number[] = [];
  return {
    claims,
    claim: async () => {
      const rows = Array.from({ length: Math.min(batch, owed - next) }, (_, i) => mail(next + i));
      next += rows.length;
      claims.push(rows.length);
      return rows;
    },
    addressesOf: async (ids: string[]) =>
      new Map(ids.filter((id) => !id.endsWith('/3')).map((id) => [id, `${id}@x.test`])),
  };
}

describe('the owed queue of a mail round', () => {
  it('claims the next batch before the last runs out, until a claim comes back short', async () => {
    const box = outbox(25, 10);
    const queue = owedQueue({ ...box, batch: 10, lowWater: 2, stopping: () => false });
    expect(await queue.start()).toBe(true);
    const sent: string[] = [];
    for (let row = await queue.next(); row; row = await queue.next()) sent.push(row.mail.id);
    expect(sent).toEqual(Array.from({ length: 25 }, (_, n) => `row-${n}`));
    expect(box.claims).toEqual([10, 10, 5]);
    expect(await queue.unsent()).toEqual({ ids: [], failure: undefined, claimed: 25 });
  });

  it('gives each row its address, and none to a recipient without one', async () => {
    const queue = owedQueue({ ...outbox(5, 10), batch: 10, lowWater: 2, stopping: () => false });
    await queue.start();
    const rows = [];
    for (let row = await queue.next(); row; row = await queue.next()) rows.push(row);
    expect(rows.map((row) => row.to)).toEqual([
      'influencer/0@x.test',
      'influencer/1@x.test',
      'influencer/2@x.test',
      undefined,
      'influencer/4@x.test',
    ]);
  });

  it('claims no more once closed or stopping, and hands back what it holds', async () => {
    const box = outbox(100, 10);
    let stopping = false;
    const queue = owedQueue({ ...box, batch: 10, lowWater: 2, stopping: () => stopping });
    await queue.start();
    await queue.next();
    stopping = true;
    const rest = [];
    for (let row = await queue.next(); row; row = await queue.next()) rest.push(row);
    expect(rest).toHaveLength(9);
    expect(box.claims).toEqual([10]);

    const closing = owedQueue({
      ...outbox(100, 10),
      batch: 10,
      lowWater: 2,
      stopping: () => false,
    });
    await closing.start();
    await closing.next();
    closing.close();
    expect((await closing.unsent()).ids).toHaveLength(9);
  });

  it('hands back a batch whose addresses could not be read, and says why', async () => {
    const box = outbox(20, 10);
    let reads = 0;
    const queue = owedQueue({
      ...box,
      addressesOf: async (ids) => {
        reads += 1;
        if (reads === 2) throw new Error('database away');
        return box.addressesOf(ids);
      },
      batch: 10,
      lowWater: 2,
      stopping: () => false,
    });
    await queue.start();
    let tried = 0;
    while (await queue.next()) tried += 1;
    expect(tried).toBe(10);
    const { ids, failure } = await queue.unsent();
    expect(ids).toEqual(Array.from({ length: 10 }, (_, n) => `row-${n + 10}`));
    expect(failure).toEqual(new Error('database away'));
  });
});
