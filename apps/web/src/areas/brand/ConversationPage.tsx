import { useEffect, useState } from 'react';
import { messagingApi } from '../../api/clients';
import { followEventStream } from '../../api/event-stream';
import { problemText } from '../../api/problem';
import { Link } from '../../app/router';
import { sessionToken } from '../../app/session';
import { Layout } from '../../ui/Layout';
import { merged, Thread, type Message } from './Thread';

/**
 * One conversation with an influencer: its newest page of messages, older ones on request, and
 * new ones as the conversation's stream delivers them (it resumes after a cut).
 */
export function ConversationPage({ conversationId }: { conversationId: string }) {
  const [messages, setMessages] = useState<Message[]>([]);
  const [olderCursor, setOlderCursor] = useState<string | null>(null);
  const [error, setError] = useState<string>();

  const older = async (before?: string) => {
    const { data, error: refusal } = await messagingApi.GET(
      '/conversations/{conversationId}/messages',
      { params: { path: { conversationId }, query: { limit: 50, ...(before ? { before } : {}) } } },
    );
    if (!data) return setError(problemText(refusal));
    setMessages((shown) => merged(data.items, shown));
    setOlderCursor(data.olderCursor);
  };
  useEffect(() => {
    void older();
    const stop = new AbortController();
    void followEventStream({
      url: `/api/messaging/conversations/${encodeURIComponent(conversationId)}/stream`,
      headers: (): Record<string, string> => {
        const token = sessionToken();
        return token ? { Authorization: `Bearer ${token}` } : {};
      },
      signal: stop.signal,
      onEvent: (event) => {
        if (event.event !== 'message') return;
        const message = JSON.parse(event.data) as Message;
        setMessages((shown) => merged(shown, [message]));
      },
    });
    return () => stop.abort();
  }, [conversationId]);

  return (
    <Layout title="Conversation">
      <p>
        <Link to="/brand/messages">All conversations</Link>
      </p>
      {error && <p role="alert">{error}</p>}
      <Thread
        messages={messages}
        olderCursor={olderCursor}
        onOlder={() => void older(olderCursor ?? undefined)}
        onSend={async (body) => {
          const { data, error: refusal } = await messagingApi.POST(
            '/conversations/{conversationId}/messages',
            { params: { path: { conversationId } }, body: { body } },
          );
          if (!data) return problemText(refusal);
          setMessages((shown) => merged(shown, [data]));
          return undefined;
        }}
      />
    </Layout>
  );
}
