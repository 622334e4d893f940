import { useCallback, useId, useState } from 'react';
import { problemText } from '../api/problem';
import { Notice } from './Field';

export type ThreadMessage = {
  id: string;
  senderId: string;
  senderRole: 'brand' | 'influencer' | 'ops';
  body: string;
  createdAt: string;
};

const speakers = { brand: 'Brand', influencer: 'Influencer', ops: 'Customer success' } as const;

/**
 * The messages of one conversation, oldest first, merged by id: a page loaded, a message arriving
 * live and the one I just sent each appear once, whichever comes first.
 */
export function useThread() {
  const [messages, setMessages] = useState<ThreadMessage[]>([]);
  const add = useCallback((more: ThreadMessage[]) => {
    setMessages((seen) => {
      const byId = new Map(seen.map((m) => [m.id, m]));
      for (const message of more) byId.set(message.id, message);
      return [...byId.values()].sort(
        (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
      );
    });
  }, []);
  return { messages, add };
}

/**
 * A conversation: its messages (older ones a page at a time) and a box to write in. `send`
 * answers the stored message or the refusal, whose rule is shown as the API words it.
 */
export function Thread({
  label,
  messages,
  myId,
  olderCursor,
  onOlder,
  send,
  closed,
}: {
  label: string;
  messages: ThreadMessage[];
  myId: string;
  olderCursor?: string | null | undefined;
  onOlder?: () => void;
  send: (body: string) => Promise<{ data?: ThreadMessage; error?: unknown }>;
  closed?: string | undefined;
}) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <section aria-label={label}>
      {olderCursor && onOlder && (
        <button type="button" className="secondary" onClick={onOlder}>
          Show older messages
        </button>
      )}
      {messages.length === 0 && <p>No messages yet.</p>}
      <ol className="thread" aria-label="Messages" aria-live="polite">
        {messages.map((message) => (
          <li key={message.id} className={message.senderId === myId ? 'mine' : 'theirs'}>
            <p className="meta">
              {message.senderId === myId ? 'You' : speakers[message.senderRole]} ·{' '}
              <time dateTime={message.createdAt}>
                {new Date(message.createdAt).toLocaleString()}
              </time>
            </p>
            <p className="body">{message.body}</p>
          </li>
        ))}
      </ol>
      {closed ? (
        <p className="meta">{closed}</p>
      ) : (
        <form
          className="write"
          onSubmit={async (event) => {
            event.preventDefault();
            if (!draft.trim()) return;
            setBusy(true);
            const answer = await send(draft.trim());
            setBusy(false);
            if (!answer.data) return setError(problemText(answer.error));
            setError(undefined);
            setDraft('');
          }}
        >
          <label htmlFor={id}>Your message</label>
          <textarea
            id={id}
            rows={3}
            maxLength={4000}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
          />
          <button type="submit" disabled={busy}>
            Send
          </button>
        </form>
      )}
      <Notice error={error} />
    </section>
  );
}
