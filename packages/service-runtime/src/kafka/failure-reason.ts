const REASON_LIMIT = 300;

/**
 * Why an event was parked, for its dead-letter record and the log: the error's class, its code
 * when it has one, and its message on one line, cut short. Messages of our own code name what
 * failed, not the data it failed on; a handler that throws must keep it so. A database's error
 * quotes the offending value (PostgreSQL's `invalid input syntax for type uuid: "…"`), so an
 * error with a code has its quoted text elided, and Prisma's has its code frame dropped.
 */
export function failureReason(error: unknown): string {
  if (!(error instanceof Error)) return reasonText(`non-error thrown: ${typeof error}`);
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' && typeof code !== 'number') {
    return reasonText(`${error.name}: ${error.message}`);
  }
  const cause = withoutPrismaCodeFrame(error.message).replace(/"[^"]*"/g, '"…"');
  return reasonText(`${error.name} ${code}: ${cause}`);
}

/** Prisma's message names the call, shows the calling code, and ends with the cause. */
function withoutPrismaCodeFrame(message: string): string {
  if (!/^\s*Invalid `[^`]*` invocation/.test(message)) return message;
  const lines = message.split('\n').filter((line) => line.trim() !== '');
  return lines[lines.length - 1] ?? message;
}

/** One line without control characters (a header is read in a terminal), at most 300 of them. */
export function reasonText(text: string): string {
  // eslint-disable-next-line no-control-regex
  const line = text.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim();
  return line.length > REASON_LIMIT ? `${line.slice(0, REASON_LIMIT - 1)}…` : line;
}
