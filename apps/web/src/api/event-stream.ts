/**
 * Server-Sent Events read with `fetch`: EventSource cannot send the bearer header. Parses the
 * stream as the SSE spec says (fields `event`, `data`, `id`, `retry`; `:` comments), and when the
 * stream ends or breaks, reconnects after the server's `retry` with `Last-Event-ID`, so nothing
 * sent in between is missed.
 */
export type StreamEvent = { event: string; data: string; id?: string };

export type FollowOptions = {
  url: string;
  headers: () => Record<string, string>;
  onEvent: (event: StreamEvent) => void;
  signal: AbortSignal;
};

/** Splits a text stream into SSE events; `feed` is given chunks, returns the complete events. */
export function sseParser() {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  let retry: number | undefined;
  return {
    get retry() {
      return retry;
    },
    feed(chunk: string): StreamEvent[] {
      buffer += chunk;
      const events: StreamEvent[] = [];
      const lines = buffer.split(/\r\n|\r|\n/);
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line === '') {
          if (data.length > 0) {
            events.push({
              event: event || 'message',
              data: data.join('\n'),
              ...(id ? { id } : {}),
            });
          }
          event = '';
          data = [];
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
        else if (field === 'id' && !value.includes('\0')) id = value;
        else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
      }
      return events;
    },
  };
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** Follows a stream until `signal` aborts, resuming after the last event id it saw. */
export async function followEventStream({ url, headers, onEvent, signal }: FollowOptions) {
  let lastEventId: string | undefined;
  let retryMs = 3_000;
  while (!signal.aborted) {
    try {
      const response = await fetch(url, {
        headers: {
          Accept: 'text/event-stream',
          ...headers(),
          ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}),
        },
        signal,
      });
      if (response.ok && response.body) {
        const parser = sseParser();
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const event of parser.feed(value)) {
            if (event.id) lastEventId = event.id;
            onEvent(event);
          }
          retryMs = parser.retry ?? retryMs;
        }
      } else if (response.status === 401 || response.status === 403) {
        return; // Signed out or not allowed: retrying would not change the answer.
      }
    } catch {
      // A cut connection: reconnect below, as EventSource would.
    }
    await sleep(retryMs, signal);
  }
}
