import type { Application, Request, Response } from 'express';
import { z } from 'zod';
import { identityOf } from '../identity/authenticate';
import { principalKey } from '../identity/principal';
import { HttpProblem } from './problem';
import { liftRequestDeadline } from './request-deadline';

/** Proxies close a response that says nothing for a while (often 30 to 60 s); a comment is enough. */
export const EVENT_STREAM_HEARTBEAT_MS = 15_000;
/** How long a client waits before reconnecting to a stream that ended (the SSE `retry:` field). */
export const EVENT_STREAM_RETRY_MS = 2_000;
/**
 * Open streams one principal may hold on one replica: an app's tabs each follow the inbox and a
 * conversation or two; more is a leak or an attack, and each stream holds a socket and a
 * subscription. Per replica, since counting across replicas would need shared state for a limit
 * that only protects each replica's own sockets.
 */
export const EVENT_STREAMS_PER_PRINCIPAL = 16;

/**
 * The position a client resumes from: the `id` of the last event it received, as EventSource
 * sends it in `Last-Event-ID` when it reconnects (or `?after=` for a client that cannot set
 * headers). One decimal position per followed stream, joined by dots: "17", or "17.4" for a brand
 * user's own inbox and their team's. Anything else is refused by name before any read.
 */
export const StreamPosition = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,14})(\.(0|[1-9][0-9]{0,14})){0,7}$/, {
    message: 'must be the id of an event this stream sent (positions such as "17" or "17.4")',
  })
  .meta({ example: '17' });

export const EventStreamHeaders = z.object({
  'last-event-id': StreamPosition.optional().meta({
    description:
      'The id of the last event received; the stream first sends every event after it, in order, then live ones.',
  }),
});

export const EventStreamQuery = z.object({
  after: StreamPosition.optional().meta({
    description: 'As `Last-Event-ID`, for clients that cannot set headers; the header wins.',
  }),
});

/**
 * One event of a stream as a client parses it (the document's schema for `text/event-stream`,
 * applied to each event): `event` its kind, `id` the position to resume from, `data` one line of
 * JSON. Before the events, `retry:`; between them, `: heartbeat` comments every 15 s.
 */
export function sseEventSchema(event: string) {
  return z
    .object({
      event: z.enum([event, 'ready']).meta({
        description: `\`${event}\` for each row, in order; \`ready\` once the backlog is sent (data \`{"live": true|false}\`).`,
      }),
      id: StreamPosition,
      data: z.string().meta({
        description: `One line of JSON: for \`${event}\`, the row as the API's listing shows it.`,
        contentMediaType: 'application/json',
      }),
      retry: z.number().int().optional(),
    })
    .meta({
      description:
        'Server-Sent Events. Only a request with `Accept: text/event-stream` stays open and receives rows as they are written; any other gets the backlog and `ready`, then the answer ends.',
    });
}

/** Every stream a service has open, so a graceful shutdown can end them and limits can count. */
export class OpenEventStreams {
  private readonly byPrincipal = new Map<string, number>();
  private readonly open = new Set<() => void>();

  constructor(readonly perPrincipal = EVENT_STREAMS_PER_PRINCIPAL) {}

  /** Reserves a stream for a principal, or refuses with 429 when they hold the most already. */
  reserve(principal: string): () => void {
    const held = this.byPrincipal.get(principal) ?? 0;
    if (held >= this.perPrincipal) {
      throw new HttpProblem(
        429,
        'Too many open streams',
        `At most ${this.perPrincipal} live streams may be open at once per person; close one first.`,
      );
    }
    this.byPrincipal.set(principal, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.byPrincipal.get(principal) ?? 1) - 1;
      if (left > 0) this.byPrincipal.set(principal, left);
      else this.byPrincipal.delete(principal);
    };
  }

  track(end: () => void): () => void {
    this.open.add(end);
    return () => this.open.delete(end);
  }

  get size(): number {
    return this.open.size;
  }

  /** Ends every open stream (a shutdown): clients reconnect, to another replica, with their id. */
  closeAll(): void {
    for (const end of [...this.open]) end();
  }
}

const STREAMS = Symbol.for('campaign.openEventStreams');

/** The registry `buildServiceApp` keeps on the app; `serve` ends its streams on shutdown. */
export function useOpenEventStreams(app: Application, streams: OpenEventStreams): void {
  (app.locals as Record<symbol, unknown>)[STREAMS] = streams;
}

export function openEventStreamsOf(app: Application): OpenEventStreams | undefined {
  return (app.locals as Record<symbol, OpenEventStreams | undefined>)[STREAMS];
}

const declaredStreams = new WeakSet<Request>();

/** `ApiRoutes` marks the requests of routes declared `eventStream`; only those may open one. */
export function markEventStreamRoute(req: Request): void {
  declaredStreams.add(req);
}

/**
 * Whether the client follows live: EventSource (and `curl -H 'Accept: text/event-stream'`) names
 * the type. Any other request (a plain GET, a HEAD, a fuzzer's `*\/*`) gets what it missed as
 * `text/event-stream` and the answer ends: no request that did not ask to stay open hangs.
 */
export function wantsLiveStream(req: Request): boolean {
  return req.method === 'GET' && /\btext\/event-stream\b/i.test(req.get('accept') ?? '');
}

/** An open `text/event-stream` answer. */
export type EventStream = {
  /** Sends one event; resolves once the socket has taken it (backpressure). */
  send(event: { id?: string; event?: string; data: unknown }): Promise<void>;
  /** Ends the stream (the client may reconnect with its last id). */
  end(): void;
  readonly closed: boolean;
  /** Called once when the stream ends, whoever ends it. */
  onClose(listener: () => void): void;
};

/**
 * Reserves a stream for the caller (429 over the limit). Call before any work that may refuse the
 * request, then `open` once every check passed: until `open`, a refusal is an ordinary problem
 * answer and the request deadline still holds.
 */
export function reserveEventStream(req: Request): {
  open: (res: Response) => EventStream;
  release: () => void;
} {
  if (!declaredStreams.has(req)) {
    throw new Error('an event stream may only be opened on a route declared `eventStream`');
  }
  const registry = openEventStreamsOf(req.app) ?? new OpenEventStreams();
  const release = registry.reserve(principalKey(identityOf(req)));
  return { release, open: (res) => openEventStream(res, registry, release) };
}

function openEventStream(
  res: Response,
  registry: OpenEventStreams,
  release: () => void,
): EventStream {
  liftRequestDeadline(res);
  res.status(200);
  // setHeader, not Express's set: the type stays bare (an event stream is UTF-8 by definition).
  res.setHeader('Content-Type', 'text/event-stream');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  // nginx and its kin buffer answers by default; a buffered event is a late one.
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  res.socket?.setNoDelay(true);
  res.write(`retry: ${EVENT_STREAM_RETRY_MS}\n\n`);

  let closed = false;
  const listeners: (() => void)[] = [];
  const heartbeat = setInterval(() => {
    if (!closed) res.write(': heartbeat\n\n');
  }, EVENT_STREAM_HEARTBEAT_MS);
  heartbeat.unref();
  const finish = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    untrack();
    release();
    for (const listener of listeners) listener();
  };
  const end = () => {
    if (!closed) {
      finish();
      res.end();
    }
  };
  const untrack = registry.track(end);
  res.once('close', finish);

  return {
    get closed() {
      return closed;
    },
    onClose(listener) {
      if (closed) listener();
      else listeners.push(listener);
    },
    end,
    send({ id, event, data }) {
      if (closed) return Promise.resolve();
      const lines = [
        ...(event ? [`event: ${oneLine(event)}`] : []),
        ...(id !== undefined ? [`id: ${oneLine(id)}`] : []),
        // JSON.stringify never yields a raw line break: one data line per event.
        `data: ${JSON.stringify(data)}`,
      ];
      const flushed = res.write(`${lines.join('\n')}\n\n`);
      if (flushed) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.once('drain', done);
        res.once('close', done);
      });
    },
  };
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]/g, '');
}
