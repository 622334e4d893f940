import type { ActionOutcome, BatchedAction } from '@campaign/contracts';
import { createActionBatcher } from '../src/temporal/action-batcher';

/** Bulk moves of `count` ids of 36 characters: about 39 bytes of JSON per id. */
const bulkMove = (count: number, tag: string): BatchedAction => ({
  action: 'select',
  args: {
    influencerIds: Array.from({ length: count }, (_, i) => `${tag}-${String(i).padStart(33, '0')}`),
  },
});
const apply = (i: number): BatchedAction => ({
  action: 'apply',
  args: { influencerId: `creator-${i}`, profile: { followers: 1, niches: [], country: 'NL' } },
});

describe('the action batcher', () => {
  it('keeps every update under 256 KiB of actions, and within the count', async () => {
    const sent: BatchedAction[][] = [];
    let release: () => void = () => {};
    const batcher = createActionBatcher(
      async (_campaign, actions) => {
        sent.push(actions);
        // The first update stays in flight until everything else is queued.
        if (sent.length === 1) await new Promise<void>((resolve) => (release = resolve));
        return actions.map((): ActionOutcome => ({ accepted: true }));
      },
      { deadlineMs: 5_000, maxBatch: 100 },
    );
    const answers = [
      batcher.act('c', apply(0)),
      // 3 × ~195 KB: no two fit one update.
      ...['a', 'b', 'c'].map((tag) => batcher.act('c', bulkMove(5_000, tag))),
      ...Array.from({ length: 150 }, (_, i) => batcher.act('c', apply(i + 1))),
    ];
    release();
    const outcomes = await Promise.all(answers);

    expect(outcomes.every((outcome) => outcome.accepted)).toBe(true);
    const sizes = sent.map((actions) => Buffer.byteLength(JSON.stringify({ actions })));
    expect(Math.max(...sizes)).toBeLessThan(256 * 1024 + 1024);
    // The third bulk move leaves room for 99 applications; the rest follow.
    expect(sent.map((actions) => actions.length)).toEqual([1, 1, 1, 100, 51]);
    expect(sent.flat()).toHaveLength(154);
  });
});
