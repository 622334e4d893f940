import { request, type ClientRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/** One Server-Sent Event as a client sees it. */
export type ReceivedEvent = { id?: string; event: string; data: unknown };

/** An app on a real socket (SSE needs one: supertest waits for the end of the answer). */
export function listen(
  app: Express,
): Promise<{ server: Server; url: string; close: () => Promise<void> }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        server,
        url: `http://127.0.0.1:${port}`,
        close: () => {
          server.closeAllConnections();
          return new Promise((done) => server.close(() => done()));
        },
      });
    });
  });
}

/**
 * Follows a stream as EventSource would (Accept: text/event-stream, Last-Event-ID when given),
 * collecting its events; `next(n)` waits for the n-th event.
 */
export function followStream(
  url: string,
  token: string,
  options: { lastEventId?: string } = {},
): Promise<EventStreamClient> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      headers: {
        accept: 'text/event-stream',
        authorization: `Bearer ${token}`,
        ...(options.lastEventId !== undefined ? { 'last-event-id': options.lastEventId } : {}),
      },
    });
    req.once('response', (res) => resolve(new EventStreamClient(req, res)));
    req.once('error', reject);
    req.end();
  });
}

export class EventStreamClient {
  readonly events: ReceivedEvent[] = [];
  ended = false;
  private buffer = '';
  private waiters: (() => void)[] = [];
  body = '';

  constructor(
    private readonly req: ClientRequest,
    readonly res: IncomingMessage,
  ) {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      this.body += chunk;
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\n\n')) !== -1) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const fields = block
          .split('\n')
          .filter((line) => line && !line.startsWith(':'))
          .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]);
        const data = fields.find(([name]) => name === 'data')?.[1];
        if (data === undefined) continue;
        this.events.push({
          id: fields.find(([name]) => name === 'id')?.[1],
          event: fields.find(([name]) => name === 'event')?.[1] ?? 'message',
          data: JSON.parse(data),
        });
      }
      this.notify();
    });
    res.on('end', () => {
      this.ended = true;
      this.notify();
    });
    res.on('error', () => {});
    req.on('error', () => {});
  }

  get status(): number {
    return this.res.statusCode ?? 0;
  }

  /** The events of one kind received so far. */
  of(event: string): ReceivedEvent[] {
    return this.events.filter((received) => received.event === event);
  }

  /** Waits until `count` events of a kind have arrived (the stream stays open). */
  async waitFor(event: string, count: number, timeoutMs = 15_000): Promise<ReceivedEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.of(event).length < count) {
      if (this.ended) throw new Error(`the stream ended after ${this.of(event).length} ${event}`);
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `${this.of(event).length} of ${count} ${event} events after ${timeoutMs} ms`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.of(event);
  }

  async waitForEnd(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) {
      if (Date.now() > deadline) throw new Error('the stream did not end');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The id of the last event received, as EventSource would send it on reconnecting. */
  get lastEventId(): string | undefined {
    return [...this.events].reverse().find((received) => received.id !== undefined)?.id;
  }

  close(): void {
    this.req.destroy();
  }

  private notify() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }
}
