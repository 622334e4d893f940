import { useCallback, useEffect, useState } from 'react';
import { campaignApi, messagingApi, notificationsApi } from '../../api/clients';
import type { paths } from '../../api/generated/messaging';
import { problemText } from '../../api/problem';
import { Layout } from '../../ui/Layout';

type Page = paths['/ops/dead-letters']['get']['responses'][200]['content']['application/json'];
type ParkedEvent = Page['items'][number];
type Answer<T> = { data?: T; error?: unknown };

/**
 * One service's parked events, through its own API (each answers for its own consumer groups):
 * the same three calls on the three typed clients.
 */
type ParkedEventsApi = {
  name: string;
  list(cursor?: string): Promise<Answer<Page>>;
  replay(eventId: string, group: string): Promise<Answer<{ replayed: ParkedEvent[] }>>;
  replayAll(group: string): Promise<Answer<{ replayed: ParkedEvent[] }>>;
};

const services: ParkedEventsApi[] = [
  {
    name: 'Notifications',
    list: (cursor) =>
      notificationsApi.GET('/ops/dead-letters', { params: { query: { limit: 50, cursor } } }),
    replay: (eventId, group) =>
      notificationsApi.POST('/ops/dead-letters/{eventId}/replay', {
        params: { path: { eventId } },
        body: { group },
      }),
    replayAll: (group) =>
      notificationsApi.POST('/ops/dead-letters/replay-all', { body: { group } }),
  },
  {
    name: 'Messaging',
    list: (cursor) =>
      messagingApi.GET('/ops/dead-letters', { params: { query: { limit: 50, cursor } } }),
    replay: (eventId, group) =>
      messagingApi.POST('/ops/dead-letters/{eventId}/replay', {
        params: { path: { eventId } },
        body: { group },
      }),
    replayAll: (group) => messagingApi.POST('/ops/dead-letters/replay-all', { body: { group } }),
  },
  {
    name: 'Campaigns (story worker)',
    list: (cursor) =>
      campaignApi.GET('/ops/dead-letters', { params: { query: { limit: 50, cursor } } }),
    replay: (eventId, group) =>
      campaignApi.POST('/ops/dead-letters/{eventId}/replay', {
        params: { path: { eventId } },
        body: { group },
      }),
    replayAll: (group) => campaignApi.POST('/ops/dead-letters/replay-all', { body: { group } }),
  },
];

/** Customer success: the events each service could not handle, and their replay. */
export function ParkedEvents() {
  return (
    <Layout title="Parked events">
      <p>
        Events a service could not handle, parked so the events behind them kept flowing. Once the
        cause is fixed, replay them: each goes back to the group that parked it, once.
      </p>
      {services.map((service) => (
        <ServiceParkedEvents key={service.name} service={service} />
      ))}
    </Layout>
  );
}

function ServiceParkedEvents({ service }: { service: ParkedEventsApi }) {
  const [items, setItems] = useState<ParkedEvent[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [said, setSaid] = useState<string>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    async (cursor?: string) => {
      const { data, error: refusal } = await service
        .list(cursor)
        .catch((cause: unknown) => ({ error: cause, data: undefined }));
      if (!data) return setError(problemText(refusal));
      setError(undefined);
      setItems((shown) => (cursor ? [...shown, ...data.items] : data.items));
      setNext(data.nextCursor);
    },
    [service],
  );
  useEffect(() => {
    void load();
  }, [load]);

  async function act(
    call: () => Promise<Answer<{ replayed: ParkedEvent[] }>>,
    what: string,
  ): Promise<void> {
    setBusy(true);
    try {
      const { data, error: refusal } = await call();
      setSaid(
        data
          ? data.replayed.length === 0
            ? `Nothing left to replay ${what}.`
            : `Replayed ${data.replayed.length} ${what}.`
          : problemText(refusal),
      );
      await load();
    } finally {
      setBusy(false);
    }
  }

  const groups = [...new Set(items.map((item) => item.group))];
  const headingId = `parked-${service.name.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{service.name}</h2>
      {error && <p role="alert">{error}</p>}
      <p role="status">{said}</p>
      {!error && items.length === 0 && <p>No parked events.</p>}
      {groups.map((group) => (
        <button
          key={group}
          type="button"
          className="secondary"
          disabled={busy || items.every((item) => item.group !== group || item.replayedAt)}
          onClick={() => void act(() => service.replayAll(group), `for group ${group}`)}
        >
          Replay all of {group}
        </button>
      ))}
      <ul className="cards" aria-label={`Parked events of ${service.name}, oldest first`}>
        {items.map((item) => (
          <li key={`${item.deadLetter.topic}:${item.deadLetter.offset}`} className="card">
            <p>
              <strong>{item.type ?? 'Not an event'}</strong>{' '}
              <code>{item.eventId ?? '(no id)'}</code>
            </p>
            <p>Reason: {item.reason}</p>
            <p className="meta">
              Group {item.group} · {item.attempts} attempts · parked{' '}
              <time dateTime={item.parkedAt}>{new Date(item.parkedAt).toLocaleString()}</time> ·
              from {item.parkedFrom.topic} #{item.parkedFrom.partition}@{item.parkedFrom.offset}
            </p>
            {item.replayedAt ? (
              <p>
                Replayed{' '}
                <time dateTime={item.replayedAt}>{new Date(item.replayedAt).toLocaleString()}</time>
              </p>
            ) : item.eventId ? (
              <button
                type="button"
                disabled={busy}
                aria-label={`Replay ${item.type ?? 'event'} ${item.eventId} to ${item.group}`}
                onClick={() =>
                  void act(() => service.replay(item.eventId!, item.group), `event ${item.eventId}`)
                }
              >
                Replay
              </button>
            ) : (
              <p>No event id: replayed with all of its group.</p>
            )}
          </li>
        ))}
      </ul>
      {next && (
        <button type="button" className="secondary" onClick={() => void load(next)}>
          Show more
        </button>
      )}
    </section>
  );
}
