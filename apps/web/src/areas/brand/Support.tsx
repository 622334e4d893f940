import { useEffect, useId, useState } from 'react';
import { messagingApi } from '../../api/clients';
import { problemText } from '../../api/problem';
import { Link, navigate } from '../../app/router';
import { Notice } from '../../ui/Field';
import { Layout } from '../../ui/Layout';

type SupportConversation = {
  id: string;
  state: 'open' | 'closed';
  awaitingReply: boolean;
  lastMessageAt: string;
};

/**
 * Customer success: the brand's support conversations (every user of the brand reads them), and
 * a new one opened with its first message.
 */
export function Support() {
  const [items, setItems] = useState<SupportConversation[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const boxId = useId();
  const page = async (cursor?: string) => {
    const { data, error: refusal } = await messagingApi.GET('/support/conversations', {
      params: { query: { state: 'all', limit: 20, ...(cursor ? { cursor } : {}) } },
    });
    if (!data) return setError(problemText(refusal));
    setItems((shown) => (cursor ? [...shown, ...data.items] : data.items));
    setNextCursor(data.nextCursor);
  };
  useEffect(() => void page(), []);
  return (
    <Layout title="Customer success">
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          const body = String(new FormData(event.currentTarget).get('body') ?? '');
          setBusy(true);
          const { data, error: refusal } = await messagingApi.POST('/support/conversations', {
            body: { body },
          });
          setBusy(false);
          if (!data) return setError(problemText(refusal));
          navigate(`/brand/support/${data.id}`);
        }}
      >
        <div className="field">
          <label htmlFor={boxId}>How can we help?</label>
          <textarea id={boxId} name="body" required rows={4} maxLength={5000} />
        </div>
        <button type="submit" disabled={busy}>
          Open a conversation
        </button>
      </form>
      <Notice error={error} />
      <h2>Your conversations</h2>
      {items.length === 0 && <p>None yet.</p>}
      <ul className="cards" aria-label="Support conversations">
        {items.map((conversation) => (
          <li key={conversation.id} className="card">
            <Link to={`/brand/support/${conversation.id}`}>
              Conversation of{' '}
              <time dateTime={conversation.lastMessageAt}>
                {new Date(conversation.lastMessageAt).toLocaleString()}
              </time>
            </Link>
            <p className={`status status-${conversation.state}`}>
              {conversation.state}
              {conversation.state === 'open' &&
                (conversation.awaitingReply ? ' · waiting for customer success' : ' · answered')}
            </p>
          </li>
        ))}
      </ul>
      {nextCursor && (
        <button type="button" onClick={() => void page(nextCursor)}>
          More conversations
        </button>
      )}
    </Layout>
  );
}
