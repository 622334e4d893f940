const REASON_LIMIT = 300;

/**
 * Why an event was parked, for its dead-letter record and the log: the error's class, its code
 * when it has one (PostgreSQL's and Prisma's do), and its message on one line, cut short.
 * Messages name what failed, not the data it failed on: a handler that throws must keep it so.
 */
export function failureReason(error: unknown): string {
  if (!(error instanceof Error)) return reasonText(`non-error thrown: ${typeof error}`);
  const code = (error as { code?: unknown }).code;
  const label = typeof code === 'string' || typeof code === 'number' ? ` ${code}` : '';
  return reasonText(`${error.name}${label}: ${error.message}`);
}

/** One line without control characters (a header is read in a terminal), at most 300 of them. */
export function reasonText(text: string): string {
  // eslint-disable-next-line no-control-regex
  const line = text.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim();
  return line.length > REASON_LIMIT ? `${line.slice(0, REASON_LIMIT - 1)}…` : line;
}
