import { useEffect, useState } from 'react';
import { notificationsApi } from '../api/clients';
import { followEventStream } from '../api/event-stream';
import { sessionToken } from '../app/session';
import { Layout } from '../ui/Layout';
import { useLoad } from '../ui/use-load';

type Notification = {
  id: string;
  kind: string;
  title: string;
  body: string;
  readAt: string | null;
  createdAt: string;
};

/** My inbox, newest first; new notifications arrive live (the stream resumes after a cut). */
export default function Inbox() {
  const { data, error, reload } = useLoad(() => notificationsApi.GET('/notifications', {}), []);
  const [live, setLive] = useState<Notification[]>([]);
  useEffect(() => {
    const stop = new AbortController();
    void followEventStream({
      url: '/api/notifications/notifications/stream',
      headers: (): Record<string, string> => {
        const token = sessionToken();
        return token ? { Authorization: `Bearer ${token}` } : {};
      },
      signal: stop.signal,
      onEvent: (event) => {
        // The stream starts from the moment it opens: what arrived between the list's answer
        // and that moment is in the list asked for again now.
        if (event.event === 'ready') return void reload();
        if (event.event !== 'notification') return;
        const note = JSON.parse(event.data) as Notification;
        setLive((seen) => (seen.some((n) => n.id === note.id) ? seen : [note, ...seen]));
      },
    });
    return () => stop.abort();
  }, [reload]);
  const listed = data?.items ?? [];
  const items = [...live.filter((n) => !listed.some((l) => l.id === n.id)), ...listed];
  return (
    <Layout title="Inbox">
      {error && <p role="alert">{error}</p>}
      {data && items.length === 0 && (
        <p>Nothing yet. New notifications appear here as they arrive.</p>
      )}
      <ul className="cards" aria-label="Notifications" aria-live="polite">
        {items.map((note) => (
          <li key={note.id} className={note.readAt ? 'card' : 'card unread'}>
            <h2>{note.title}</h2>
            <p>{note.body}</p>
            <p className="meta">
              <time dateTime={note.createdAt}>{new Date(note.createdAt).toLocaleString()}</time>
            </p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
