import { useEffect, useState } from 'react';
import { campaignApi, messagingApi } from '../../api/clients';
import { followEventStream } from '../../api/event-stream';
import { problemText } from '../../api/problem';
import { Link, navigate } from '../../app/router';
import { currentIdentity, sessionToken } from '../../app/session';
import { SupportChat } from '../../pages/SupportChat';
import { Notice } from '../../ui/Field';
import { Layout } from '../../ui/Layout';
import { Thread, useThread, type ThreadMessage } from '../../ui/Thread';
import { useLoad } from '../../ui/use-load';

const PAGE = 20;

/** A campaign's title where only its id is known (a conversation names its campaign by id). */
function CampaignTitle({ campaignId }: { campaignId: string }) {
  const { data } = useLoad(
    () => campaignApi.GET('/campaigns/{campaignId}', { params: { path: { campaignId } } }),
    [campaignId],
  );
  return <>{data?.title ?? 'A campaign'}</>;
}

/**
 * My Messenger: conversations with brands (invitations, one-on-one and group messages), a page at
 * a time, and my conversations with customer success, with a way to open one.
 */
export function Messenger() {
  const [cursor, setCursor] = useState<string>();
  const { data, error } = useLoad(
    () =>
      messagingApi.GET('/conversations', {
        params: { query: cursor ? { limit: PAGE, cursor } : { limit: PAGE } },
      }),
    [cursor],
  );
  const support = useLoad(
    () => messagingApi.GET('/support/conversations', { params: { query: { state: 'all' } } }),
    [],
  );
  const [question, setQuestion] = useState('');
  const [refusal, setRefusal] = useState<string>();
  return (
    <Layout title="Messenger">
      <h2>Brands</h2>
      {error && <p role="alert">{error}</p>}
      {data && data.items.length === 0 && (
        <p>No conversation yet. A brand that invites you writes here.</p>
      )}
      <ul className="cards" aria-label="Conversations">
        {data?.items.map((conversation) => (
          <li key={conversation.id} className="card">
            <h3>
              <Link to={`/influencer/messenger/${conversation.id}`}>
                {conversation.campaignId ? (
                  <CampaignTitle campaignId={conversation.campaignId} />
                ) : (
                  'A brand'
                )}
              </Link>
            </h3>
            <p className="meta">
              Since{' '}
              <time dateTime={conversation.createdAt}>
                {new Date(conversation.createdAt).toLocaleDateString()}
              </time>
            </p>
          </li>
        ))}
      </ul>
      {data?.nextCursor && (
        <button
          type="button"
          className="secondary"
          onClick={() => setCursor(data.nextCursor ?? undefined)}
        >
          Older conversations
        </button>
      )}

      <h2>Customer success</h2>
      <ul className="cards" aria-label="Support conversations">
        {support.data?.items.map((conversation) => (
          <li key={conversation.id} className="card">
            <Link to={`/influencer/support/${conversation.id}`}>
              Conversation of {new Date(conversation.createdAt).toLocaleString()}
            </Link>
            <p className="meta">
              {conversation.state === 'closed'
                ? 'Closed'
                : conversation.awaitingReply
                  ? 'Waiting for customer success'
                  : 'Answered'}
            </p>
          </li>
        ))}
      </ul>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          const { data: opened, error: refused } = await messagingApi.POST(
            '/support/conversations',
            {
              body: { body: question.trim() },
            },
          );
          if (!opened) return setRefusal(problemText(refused));
          navigate(`/influencer/support/${opened.id}`);
        }}
      >
        <label htmlFor="question">Ask customer success</label>
        <textarea
          id="question"
          rows={3}
          maxLength={4000}
          value={question}
          onChange={(event) => setQuestion(event.target.value)}
        />
        <button type="submit">Start a conversation</button>
      </form>
      <Notice error={refusal} />
    </Layout>
  );
}

/**
 * One conversation with a brand, followed live (the stream resumes after a cut). When it is about a
 * campaign (an invitation), the campaign is one step away to apply.
 */
export function Conversation({ conversationId }: { conversationId: string }) {
  const { messages, add } = useThread();
  const [olderCursor, setOlderCursor] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const list = useLoad(
    () => messagingApi.GET('/conversations', { params: { query: { limit: 100 } } }),
    [],
  );
  const campaignId = list.data?.items.find((c) => c.id === conversationId)?.campaignId;
  const loadPage = async (before?: string) => {
    const { data, error: refusal } = await messagingApi.GET(
      '/conversations/{conversationId}/messages',
      {
        params: {
          path: { conversationId },
          query: before ? { limit: 50, before } : { limit: 50 },
        },
      },
    );
    if (!data) return setError(problemText(refusal));
    add(data.items);
    setOlderCursor(data.olderCursor);
  };
  useEffect(() => {
    void loadPage();
    const stop = new AbortController();
    void followEventStream({
      url: `/api/messaging/conversations/${encodeURIComponent(conversationId)}/stream`,
      headers: (): Record<string, string> => {
        const token = sessionToken();
        return token ? { Authorization: `Bearer ${token}` } : {};
      },
      signal: stop.signal,
      onEvent: (event) => {
        if (event.event === 'message') add([JSON.parse(event.data) as ThreadMessage]);
      },
    });
    return () => stop.abort();
  }, [conversationId]);
  return (
    <Layout title="Conversation">
      {campaignId && (
        <p>
          About <CampaignTitle campaignId={campaignId} />:{' '}
          <Link to={`/influencer/campaigns/${campaignId}`}>read the campaign and apply</Link>
        </p>
      )}
      {error && <p role="alert">{error}</p>}
      <Thread
        label="Conversation"
        messages={messages}
        myId={currentIdentity()?.userId ?? ''}
        olderCursor={olderCursor}
        onOlder={() => olderCursor && void loadPage(olderCursor)}
        send={async (body) => {
          const answer = await messagingApi.POST('/conversations/{conversationId}/messages', {
            params: { path: { conversationId } },
            body: { body },
          });
          if (answer.data) add([answer.data]);
          return answer;
        }}
      />
    </Layout>
  );
}

/** A conversation with customer success, as its requester. */
export function MySupportChat({ conversationId }: { conversationId: string }) {
  return (
    <Layout title="Customer success">
      <SupportChat conversationId={conversationId} />
    </Layout>
  );
}
