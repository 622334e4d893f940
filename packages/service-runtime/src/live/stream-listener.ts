import { createHash } from 'node:crypto';
import { Client } from 'pg';
import type { Logger } from '../logger';

/** After a lost connection the listener waits this long, doubling per failure, up to the max. */
const INITIAL_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 10_000;

/**
 * What a trigger sends on the channel for a stream key: `md5(key) || ' ' || position`. The key is
 * hashed so a payload stays far below PostgreSQL's 8,000 bytes whatever the key's length; two keys
 * with one hash would only wake each other's subscribers, who then read nothing new.
 */
export function streamTopic(key: string): string {
  return createHash('md5').update(key).digest('hex');
}

/** What a subscriber is told: a row at `position` was committed, or anything may have been. */
export type StreamWake = { position: number } | { resync: true };

/**
 * One `LISTEN` connection per process and channel, shared by every stream the process serves
 * (`pg`'s Client, outside the Prisma pool: a pooled connection cannot hold a LISTEN).
 *
 * Why LISTEN/NOTIFY: a row written by any replica (a Kafka consumer there, an API request there)
 * reaches a subscriber connected to this one with no new infrastructure, and a trigger on the
 * table sends the notice in the writing transaction, so it is delivered exactly when the row is
 * visible (at commit), and never for a rolled-back row. A notice carries only which stream moved;
 * the subscriber reads the rows after its own position, so a notice that is lost costs nothing as
 * long as another wakes it: while the connection is down notices are lost, so every (re)connect
 * wakes every subscriber (`resync`), which reads from its last position. No subscriber polls.
 */
export class StreamListener {
  private client: Client | null = null;
  private readonly subscribers = new Map<string, Set<(wake: StreamWake) => void>>();
  private stopped = false;
  private failures = 0;
  private retry: NodeJS.Timeout | undefined;
  private listening = false;

  constructor(
    private readonly options: {
      databaseUrl: string;
      /** The channel the table's trigger notifies (an SQL identifier). */
      channel: string;
      logger: Logger;
      /** How the connection shows in pg_stat_activity; `live <channel>` when not given. */
      applicationName?: string;
    },
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.channel)) {
      throw new Error(`not a channel name: ${options.channel}`);
    }
  }

  /** Connects in the background, and again whenever the connection is lost, until `stop`. */
  start(): this {
    void this.connect();
    return this;
  }

  /** True while notices arrive: between a LISTEN that succeeded and the connection's loss. */
  get connected(): boolean {
    return this.listening;
  }

  /** Calls `onWake` for every notice on `key` (and on every reconnect) until the returned stop. */
  subscribe(key: string, onWake: (wake: StreamWake) => void): () => void {
    const topic = streamTopic(key);
    const set = this.subscribers.get(topic) ?? new Set();
    set.add(onWake);
    this.subscribers.set(topic, set);
    return () => {
      set.delete(onWake);
      if (set.size === 0 && this.subscribers.get(topic) === set) this.subscribers.delete(topic);
    };
  }

  /** How many streams are subscribed (for tests and logs). */
  get subscriptions(): number {
    let count = 0;
    for (const set of this.subscribers.values()) count += set.size;
    return count;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    this.listening = false;
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.options.databaseUrl,
      connectionTimeoutMillis: 3_000,
      application_name: this.options.applicationName ?? `live ${this.options.channel}`,
      // The connection is idle between notices: keep-alives find a dead peer without a query.
      keepAlive: true,
    });
    this.client = client;
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      this.listening = false;
      client.removeAllListeners('notification');
      void client.end().catch(() => {});
      if (this.stopped || this.client !== client) return;
      this.client = null;
      this.failures += 1;
      const delay = Math.min(INITIAL_BACKOFF_MS * 2 ** (this.failures - 1), MAX_BACKOFF_MS);
      this.options.logger.warn(
        { err: error, channel: this.options.channel, retryInMs: delay },
        'live updates: listening connection lost',
      );
      this.retry = setTimeout(() => void this.connect(), delay);
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => {
      if (message.channel !== this.options.channel || !message.payload) return;
      const [topic, position] = message.payload.split(' ');
      const set = topic ? this.subscribers.get(topic) : undefined;
      if (!set) return;
      const wake: StreamWake = { position: Number(position) };
      for (const onWake of [...set]) onWake(wake);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.options.channel}`);
    } catch (error) {
      onLost(error as Error);
      return;
    }
    if (this.stopped || this.client !== client) {
      await client.end().catch(() => {});
      return;
    }
    this.listening = true;
    if (this.failures > 0) {
      this.options.logger.info({ channel: this.options.channel }, 'live updates: listening again');
    }
    this.failures = 0;
    // Whatever was committed while nobody listened: every subscriber reads from where it is.
    for (const set of this.subscribers.values()) {
      for (const onWake of [...set]) onWake({ resync: true });
    }
  }
}
