import { percentile, summarise } from '../src/bench/percentiles';

// The bench's latency figures: nearest-rank percentiles, always a latency that was measured.
describe('bench percentiles', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('answers the nearest rank', () => {
    expect(percentile(hundred, 0.5)).toBe(50);
    expect(percentile(hundred, 0.95)).toBe(95);
    expect(percentile(hundred, 0.99)).toBe(99);
    expect(percentile(hundred, 1)).toBe(100);
    expect(percentile([7], 0.99)).toBe(7);
  });

  it('never interpolates between two samples', () => {
    expect(percentile([10, 20], 0.5)).toBe(10);
    expect(percentile([10, 20], 0.51)).toBe(20);
  });

  it('sorts what it summarises, and has nothing to say without samples', () => {
    expect(summarise([30, 10, 20])).toEqual({ p50: 20, p95: 30, p99: 30, max: 30 });
    expect(summarise([]).p99).toBeNaN();
  });
});
