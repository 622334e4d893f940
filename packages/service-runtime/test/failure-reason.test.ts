import { failureReason } from '../src/kafka/failure-reason';

describe('why a failing event was parked', () => {
  it('is the error class, its code and its message on one line', () => {
    const error = Object.assign(new Error('invalid byte sequence\nfor encoding "UTF8": 0x00'), {
      code: '22021',
    });
    expect(failureReason(error)).toBe(
      'Error 22021: invalid byte sequence for encoding "UTF8": 0x00',
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
