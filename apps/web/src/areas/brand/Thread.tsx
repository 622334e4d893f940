import { useId, useState } from 'react';
import { Notice } from '../../ui/Field';

export type Message = {
  id: string;
  senderId: string;
  senderRole: 'brand' | 'influencer' | 'ops';
  body: string;
  createdAt: string;
};

/** Who wrote a message, as the brand reads it. */
const sender = { brand: 'You', influencer: 'Influencer', ops: 'Customer success' } as const;

/** Merges messages by id, oldest first: a page, the stream and my own sends may overlap. */
export function merged(...lists: Message[][]): Message[] {
  const byId = new Map<string, Message>();
  for (const list of lists) for (const message of list) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/**
 * A conversation's messages (oldest first, older ones on request) and the box to write in. The
 * log is a live region: a new message is read out to screen reader users.
 */
export function Thread({
  messages,
  olderCursor,
  onOlder,
  onSend,
}: {
  messages: Message[];
  olderCursor: string | null;
  onOlder: () => void;
  onSend: (body: string) => Promise<string | undefined>;
}) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const boxId = useId();
  return (
    <>
      {olderCursor && (
        <button type="button" onClick={onOlder}>
          Older messages
        </button>
      )}
      <div role="log" aria-label="Messages">
        <ol className="thread">
          {messages.map((message) => (
            <li key={message.id} className={`message from-${message.senderRole}`}>
              <p className="meta">
                {sender[message.senderRole]} ·{' '}
                <time dateTime={message.createdAt}>
                  {new Date(message.createdAt).toLocaleString()}
                </time>
              </p>
              <p className="body">{message.body}</p>
            </li>
          ))}
        </ol>
      </div>
      {messages.length === 0 && <p>No message yet.</p>}
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const body = String(new FormData(form).get('body') ?? '');
          setBusy(true);
          const refusal = await onSend(body);
          setBusy(false);
          setError(refusal);
          if (!refusal) form.reset();
        }}
      >
        <div className="field">
          <label htmlFor={boxId}>Your message</label>
          <textarea id={boxId} name="body" required rows={3} maxLength={5000} />
        </div>
        <button type="submit" disabled={busy}>
          Send
        </button>
      </form>
      <Notice error={error} />
    </>
  );
}
