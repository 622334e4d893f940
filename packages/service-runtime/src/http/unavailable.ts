/** How long a client is asked to wait before retrying a request a dependency could not answer. */
export const RETRY_AFTER_SECONDS = 5;

// Socket errors, PostgreSQL's connection and shutdown classes (08…, 57P…), Prisma's "cannot
// reach" family and its pool time-out, and gRPC's UNAVAILABLE and DEADLINE_EXCEEDED (Temporal).
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  'P1001',
  'P1002',
  'P1008',
  'P1017',
  'P2024',
]);
const UNAVAILABLE_MESSAGES =
  /connection terminated|connection timeout|timeout exceeded when trying to connect|terminating connection|the database system is (starting up|shutting down)|can't reach database|server closed the connection|Query read timeout|DatabaseNotReachable|ConnectionClosed|SocketTimeout/i;
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

/**
 * True when an error says a dependency could not be reached or did not answer, not that the
 * request or our code is wrong: the client is told 503 and to retry, never 500. Looks through the
 * error's causes, since drivers and SDKs wrap what the socket said.
 */
export function isDependencyUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current);
    const { code, message, name, kind } = current as {
      code?: unknown;
      message?: unknown;
      name?: unknown;
      kind?: unknown;
    };
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) {
      return true;
    }
    if (code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED) return true;
    if (name === 'WorkflowUpdateRPCTimeoutOrCancelledError') return true;
    if (typeof kind === 'string' && UNAVAILABLE_MESSAGES.test(kind)) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Settings for every service's PostgreSQL pool: a dead server is an error in seconds, not a hang. */
export const DATABASE_POOL_OPTIONS = {
  connectionTimeoutMillis: 3_000,
  query_timeout: 15_000,
} as const;
