import { useCallback, useEffect, useRef, useState } from 'react';
import { messagingApi } from '../../api/clients';
import { problemText } from '../../api/problem';
import { Link } from '../../app/router';
import { Layout } from '../../ui/Layout';
import { merged, Thread, type Message } from './Thread';

/** Support conversations have no stream: the page asks again every few seconds while in view. */
const REFRESH_MS = 3_000;

/** One support conversation: its messages, older ones on request, and the reply box. */
export function SupportConversation({ conversationId }: { conversationId: string }) {
  const [messages, setMessages] = useState<Message[]>([]);
  const [olderCursor, setOlderCursor] = useState<string | null>(null);
  const [state, setState] = useState<'open' | 'closed'>();
  const [error, setError] = useState<string>();
  // Polling reads the newest page; only the first load and "Older messages" move the cursor.
  const pagedBack = useRef(false);

  const load = useCallback(
    async (before?: string) => {
      const { data, error: refusal } = await messagingApi.GET(
        '/support/conversations/{supportConversationId}',
        {
          params: {
            path: { supportConversationId: conversationId },
            query: { limit: 50, ...(before ? { before } : {}) },
          },
        },
      );
      if (!data) return setError(problemText(refusal));
      setMessages((shown) => merged(data.messages, shown));
      setState(data.state);
      if (before || !pagedBack.current) setOlderCursor(data.olderCursor);
      if (before) pagedBack.current = true;
    },
    [conversationId],
  );
  useEffect(() => {
    void load();
    const timer = setInterval(
      () => document.visibilityState === 'visible' && void load(),
      REFRESH_MS,
    );
    return () => clearInterval(timer);
  }, [load]);

  return (
    <Layout title="Customer success">
      <p>
        <Link to="/brand/support">All support conversations</Link>
      </p>
      {state === 'closed' && <p>Customer success closed this conversation.</p>}
      {error && <p role="alert">{error}</p>}
      <Thread
        messages={messages}
        olderCursor={olderCursor}
        onOlder={() => void load(olderCursor ?? undefined)}
        onSend={async (body) => {
          const { data, error: refusal } = await messagingApi.POST(
            '/support/conversations/{supportConversationId}/messages',
            { params: { path: { supportConversationId: conversationId } }, body: { body } },
          );
          if (!data) return problemText(refusal);
          setMessages((shown) => merged(shown, [data]));
          return undefined;
        }}
      />
    </Layout>
  );
}
