/**
 * Values a client can send that random generation seldom produces, each a class of input that
 * has broken services like these: the fuzzer substitutes them into fields and parameters of
 * their type now and then (Schemathesis dictionaries), in valid requests where the schema allows
 * them and in invalid ones where it does not.
 */
export const hostileStrings = [
  // PostgreSQL text cannot hold a NUL byte; JSON and URLs can.
  'ab\u0000cd',
  '\u0000',
];

export const hostileIntegers: bigint[] = [
  // Past PostgreSQL's integer column.
  2n ** 31n,
  // The largest integer JavaScript holds exactly (timers, dates and sums overflow near it), and
  // the largest 64-bit one, which JSON.parse rounds.
  BigInt(Number.MAX_SAFE_INTEGER),
  2n ** 63n - 1n,
];

const cursor = (position: object) => Buffer.from(JSON.stringify(position)).toString('base64url');

/**
 * Page cursors are opaque, yet a client can forge one that decodes like ours: the services must
 * refuse what they did not hand out rather than query with it.
 */
export const forgedCursors = [
  cursor({ at: '2026-01-01T00:00:00.000Z', id: 'not-an-id' }),
  cursor({ at: '2026-01-01T00:00:00.000Z', id: 'a\u0000b' }),
  cursor({ at: '-271821-04-20T00:00:00.000Z', id: '00000000-0000-4000-8000-000000000000' }),
  cursor({ at: '+275760-09-13T00:00:00.000Z', id: '00000000-0000-4000-8000-000000000000' }),
  cursor({ at: 0, id: 0 }),
];

/** The query parameters that carry a page cursor. */
export const cursorParameters = ['cursor', 'before'];
