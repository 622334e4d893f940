import { performance } from 'node:perf_hooks';

/**
 * The epoch time in ms, to a fraction of one: the clock every arrival is read on, the same as
 * file times and database timestamps, with performance.now()'s resolution.
 */
export const epochNow = () => performance.timeOrigin + performance.now();
