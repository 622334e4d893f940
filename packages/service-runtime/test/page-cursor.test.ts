import { decodePageCursor, encodePageCursor, olderThan, pageOf } from '../src/http/page-cursor';

describe('page cursors', () => {
  const position = { at: new Date('2026-11-25T10:00:00.123Z'), id: 'c2' };

  it('names the position it was made from', () => {
    expect(decodePageCursor(encodePageCursor(position))).toEqual(position);
  });

  it('knows no cursor it did not hand out', () => {
    for (const forged of [
      '',
      'not-base64!',
      Buffer.from('[]').toString('base64url'),
      Buffer.from('{"at":"yesterday","id":"x"}').toString('base64url'),
      Buffer.from('{"at":"2026-11-25T10:00:00Z"}').toString('base64url'),
    ]) {
      expect(decodePageCursor(forged)).toBeNull();
    }
  });

  it('answers a page of `limit` rows and a cursor only when more rows were fetched', () => {
    const rows = ['a', 'b', 'c'].map((id, i) => ({ id, at: new Date(Date.UTC(2026, 10, 25 - i)) }));
    const full = pageOf(rows, 2, (row) => row);
    expect(full.page.map((row) => row.id)).toEqual(['a', 'b']);
    expect(decodePageCursor(full.nextCursor!)).toEqual(rows[1]);
    expect(pageOf(rows, 3, (row) => row)).toEqual({ page: rows, nextCursor: null });
  });

  it('asks for the rows after a position in a newest-first list, ties broken by id', () => {
    expect(olderThan(null)).toEqual({});
    expect(olderThan(position)).toEqual({
      OR: [{ createdAt: { lt: position.at } }, { createdAt: position.at, id: { gt: 'c2' } }],
    });
    expect(olderThan(position, 'desc').OR?.[1]).toEqual({
      createdAt: position.at,
      id: { lt: 'c2' },
    });
  });
});
