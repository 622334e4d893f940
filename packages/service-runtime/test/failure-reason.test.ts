import { failureReason } from '../src/kafka/failure-reason';

describe('why a failing event was parked', () => {
  it('is the error class and its message on one line', () => {
    expect(failureReason(new RangeError('no campaign\nto deliver to'))).toBe(
      'RangeError: no campaign to deliver to',
    );
  });

  it('names a database error by its code, eliding the values it quotes', () => {
    const error = Object.assign(
      new Error('invalid input syntax for type uuid: "jane@example.com"'),
      { code: '22P02' },
    );
    expect(failureReason(error)).toBe('Error 22P02: invalid input syntax for type uuid: "…"');
  });

  it('keeps the cause of a Prisma error, not the code that called it', () => {
    const error = Object.assign(
      new Error(
        [
          '',
          'Invalid `db.message.createMany()` invocation in',
          '/srv/messaging/src/db/conversation-store.ts:52:24',
          '',
          '  51 });',
          '→ 52 await db.message.createMany(',
          'Database error. Code: `22021`. Message: `invalid byte sequence for encoding "UTF8": 0x00`',
        ].join('\n'),
      ),
      { name: 'PrismaClientKnownRequestError', code: 'P2039' },
    );
    expect(failureReason(error)).toBe(
      'PrismaClientKnownRequestError P2039: Database error. Code: `22021`. ' +
        'Message: `invalid byte sequence for encoding "…": 0x00`',
    );
  });

  it('drops control characters, which a terminal would act on', () => {
    expect(failureReason(new TypeError('a\u0000b\u001b[31mc'))).toBe('TypeError: a b [31mc');
  });

  it('is cut short at 300 characters', () => {
    const reason = failureReason(new Error('x'.repeat(1_000)));
    expect(reason).toHaveLength(300);
    expect(reason.endsWith('…')).toBe(true);
  });

  it('says what was thrown when it was no error', () => {
    expect(failureReason('jane@example.com')).toBe('non-error thrown: string');
  });
});
