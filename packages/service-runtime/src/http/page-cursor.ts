import { HttpProblem } from './problem';

/**
 * Where a page ended, for keyset pagination on (timestamp, id): opaque to clients, so the order
 * and its columns can change without breaking them beyond the cursors they hold.
 */
export type PagePosition = { at: Date; id: string };

export function encodePageCursor(position: PagePosition): string {
  return Buffer.from(JSON.stringify({ at: position.at.toISOString(), id: position.id })).toString(
    'base64url',
  );
}

/** The position a cursor names; null for anything this API did not hand out. */
export function decodePageCursor(cursor: string): PagePosition | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (typeof value !== 'object' || value === null) return null;
    const { at, id } = value as { at?: unknown; id?: unknown };
    if (typeof at !== 'string' || typeof id !== 'string') return null;
    const date = new Date(at);
    return Number.isNaN(date.getTime()) ? null : { at: date, id };
  } catch {
    return null;
  }
}

/** The position a client's cursor names; a cursor this API did not hand out is bad input. */
export function cursorPosition(cursor: string | undefined): PagePosition | null {
  if (cursor === undefined) return null;
  const position = decodePageCursor(cursor);
  if (!position) {
    throw new HttpProblem(400, 'Invalid request', 'The cursor is not one this API returned.');
  }
  return position;
}

/** The page to answer with from `limit + 1` rows fetched, and the cursor to the next one. */
export function pageOf<Row>(
  rows: Row[],
  limit: number,
  position: (row: Row) => PagePosition | null,
): { page: Row[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const next = rows.length > limit && last ? position(last) : null;
  return { page, nextCursor: next ? encodePageCursor(next) : null };
}

/**
 * The Prisma condition for the rows after `position` in a newest-first list on (createdAt, id):
 * older rows and, at the same instant, those whose id sorts after it in the list's id order.
 */
export function olderThan(position: PagePosition | null, idOrder: 'asc' | 'desc' = 'asc') {
  if (!position) return {};
  const id = idOrder === 'asc' ? { gt: position.id } : { lt: position.id };
  return { OR: [{ createdAt: { lt: position.at } }, { createdAt: position.at, id }] };
}
