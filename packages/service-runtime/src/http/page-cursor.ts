import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { HttpProblem } from './problem';

/**
 * Page cursors are opaque to clients and sealed: base64url JSON and an HMAC of it, so a cursor the
 * server did not issue (forged, edited, from another list) is refused with 400 before it reaches a
 * query, and the order and its columns can change without breaking more than the cursors held.
 * Every replica seals with a key derived from the service's secret (`usePageCursorKey`), so a
 * cursor from one replica opens on another.
 */
let cursorKey: Buffer = randomBytes(32);

export function usePageCursorKey(secret: string): void {
  cursorKey = createHmac('sha256', secret).update('page-cursor').digest();
}

function signature(payload: string): string {
  return createHmac('sha256', cursorKey).update(payload).digest('base64url').slice(0, 22);
}

/** A cursor for any JSON position. */
export function sealCursor(position: unknown): string {
  const payload = Buffer.from(JSON.stringify(position)).toString('base64url');
  return `${payload}.${signature(payload)}`;
}

/** The position a sealed cursor holds, if this service sealed it and it has the expected shape. */
export function openCursor<Schema extends z.ZodType>(
  cursor: string,
  schema: Schema,
): z.infer<Schema> | null {
  const [payload, mac, ...rest] = cursor.split('.');
  if (!payload || !mac || rest.length > 0) return null;
  const expected = Buffer.from(signature(payload));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString()));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Where a page ended, for keyset pagination on (timestamp, id). The instant stays within what
 * both JavaScript and PostgreSQL can represent.
 */
export type PagePosition = { at: Date; id: string };

const SealedPosition = z.object({
  at: z.iso
    .datetime()
    .transform((at) => new Date(at))
    .refine((at) => at.getUTCFullYear() >= 1970 && at.getUTCFullYear() <= 9999),
  id: z.string().min(1).max(200),
});

export function encodePageCursor(position: PagePosition): string {
  return sealCursor({ at: position.at.toISOString(), id: position.id });
}

/** The position a cursor names; null for anything this API did not hand out. */
export function decodePageCursor(cursor: string): PagePosition | null {
  return openCursor(cursor, SealedPosition);
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
