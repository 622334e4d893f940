import { request, type ClientRequest } from 'node:http';
import { epochNow } from './clock';

type Frame = { event: string; data: unknown; receivedAt: number };

/**
 * A person's open live inbox (`GET /notifications/stream`, Server-Sent Events), as the web app's
 * EventSource holds it: each frame is kept with the moment its last byte arrived. Answers once
 * the stream said `ready` (from then on every new notification comes as a frame).
 */
export function followLive(url: string, auth: string): Promise<LiveFollower> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/notifications/stream`, {
      headers: { accept: 'text/event-stream', authorization: auth },
    });
    req.once('error', reject);
    req.once('response', (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`the live inbox answered ${res.statusCode}`));
        return;
      }
      const follower = new LiveFollower(req);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => follower.read(chunk, epochNow()));
      res.on('error', () => {});
      follower
        .waitFor((frame) => frame.event === 'ready', 15_000)
        .then(() => resolve(follower), reject);
    });
    req.end();
  });
}

export class LiveFollower {
  private readonly frames: Frame[] = [];
  private buffer = '';
  private waiters: (() => void)[] = [];

  constructor(private readonly req: ClientRequest) {}

  /** Splits what arrived into frames (blank-line separated); comments (keep-alives) are skipped. */
  read(chunk: string, receivedAt: number): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) !== -1) {
      const lines = this.buffer.slice(0, end).split('\n');
      this.buffer = this.buffer.slice(end + 2);
      const field = (name: string) =>
        lines
          .find((line) => line.startsWith(`${name}:`))
          ?.slice(name.length + 1)
          .trimStart();
      const data = field('data');
      if (data === undefined) continue;
      this.frames.push({ event: field('event') ?? 'message', data: JSON.parse(data), receivedAt });
    }
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }

  /** When the first frame that `wanted` accepts arrived (epoch ms); throws after `timeoutMs`. */
  async waitFor(wanted: (frame: Frame) => boolean, timeoutMs: number): Promise<number> {
    const deadline = epochNow() + timeoutMs;
    for (;;) {
      const found = this.frames.find(wanted);
      if (found) return found.receivedAt;
      const left = deadline - epochNow();
      if (left <= 0) throw new Error(`no such frame within ${timeoutMs / 1000} s`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.req.destroy();
  }
}
