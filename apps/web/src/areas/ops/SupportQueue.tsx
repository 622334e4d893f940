import { useEffect, useState } from 'react';
import { messagingApi } from '../../api/clients';
import { problemText } from '../../api/problem';
import { Link } from '../../app/router';
import { currentIdentity } from '../../app/session';
import { SupportChat } from '../../pages/SupportChat';
import { Notice } from '../../ui/Field';
import { Layout } from '../../ui/Layout';
import { useLoad } from '../../ui/use-load';

const PAGE = 50;
const REFRESH_MS = 5_000;

/** The queue: open conversations, those awaiting a reply first, a page at a time; or closed ones. */
export function SupportQueue() {
  const [state, setState] = useState<'open' | 'closed'>('open');
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const { data, error, reload } = useLoad(
    () =>
      messagingApi.GET('/support/conversations', {
        params: { query: { state, limit: PAGE, ...(cursor ? { cursor } : {}) } },
      }),
    [state, cursor],
  );
  useEffect(() => {
    const timer = setInterval(
      () => document.visibilityState === 'visible' && void reload(),
      REFRESH_MS,
    );
    return () => clearInterval(timer);
  }, [reload]);
  return (
    <Layout title="Support conversations">
      <div className="columns" role="group" aria-label="Which conversations">
        {(['open', 'closed'] as const).map((choice) => (
          <button
            key={choice}
            type="button"
            aria-pressed={state === choice}
            onClick={() => {
              setCursors([]);
              setState(choice);
            }}
          >
            {choice === 'open' ? 'Open' : 'Closed'}
          </button>
        ))}
      </div>
      {error && <p role="alert">{error}</p>}
      {data && data.items.length === 0 && <p>No {state} conversation.</p>}
      <ul className="cards" aria-label="Support conversations">
        {data?.items.map((conversation) => (
          <li key={conversation.id} className={conversation.awaitingReply ? 'card unread' : 'card'}>
            <h2>
              <Link to={`/ops/support/${conversation.id}`}>
                {conversation.requester.role === 'brand'
                  ? `Brand ${conversation.requester.brandId}`
                  : `Influencer ${conversation.requester.userId}`}
              </Link>
            </h2>
            <p className="meta">
              {conversation.awaitingReply && conversation.state === 'open'
                ? 'Awaiting a reply · '
                : ''}
              {conversation.assigneeId ? `taken by ${conversation.assigneeId}` : 'not taken'} · last
              message{' '}
              <time dateTime={conversation.lastMessageAt}>
                {new Date(conversation.lastMessageAt).toLocaleString()}
              </time>
            </p>
          </li>
        ))}
      </ul>
      <div className="actions">
        {cursors.length > 0 && (
          <button
            type="button"
            className="secondary"
            onClick={() => setCursors(cursors.slice(0, -1))}
          >
            Previous page
          </button>
        )}
        {data?.nextCursor && (
          <button
            type="button"
            className="secondary"
            onClick={() => setCursors([...cursors, data.nextCursor ?? ''])}
          >
            Next page
          </button>
        )}
      </div>
    </Layout>
  );
}

/** One support conversation for customer success: take it (or take it over), reply, close it. */
export function OpsSupportChat({ conversationId }: { conversationId: string }) {
  const me = currentIdentity()?.userId;
  const [error, setError] = useState<string>();
  const [success, setSuccess] = useState<string>();
  return (
    <Layout title="Support conversation">
      <SupportChat
        conversationId={conversationId}
        actions={(conversation, reload) =>
          conversation.state === 'open' && (
            <div className="actions">
              {conversation.assigneeId !== me && (
                <button
                  type="button"
                  className="secondary"
                  onClick={async () => {
                    const { data, error: refusal } = await messagingApi.POST(
                      '/support/conversations/{supportConversationId}/assignment',
                      {
                        params: { path: { supportConversationId: conversationId } },
                        body: { takeOver: Boolean(conversation.assigneeId) },
                      },
                    );
                    if (!data) return setError(problemText(refusal));
                    setError(undefined);
                    setSuccess('You have taken this conversation.');
                    await reload();
                  }}
                >
                  {conversation.assigneeId ? 'Take over' : 'Take'}
                </button>
              )}
              <button
                type="button"
                className="secondary"
                onClick={async () => {
                  const { data, error: refusal } = await messagingApi.POST(
                    '/support/conversations/{supportConversationId}/close',
                    { params: { path: { supportConversationId: conversationId } } },
                  );
                  if (!data) return setError(problemText(refusal));
                  setError(undefined);
                  setSuccess('Closed: it takes no more messages.');
                  await reload();
                }}
              >
                Close conversation
              </button>
            </div>
          )
        }
      />
      <Notice error={error} success={success} />
    </Layout>
  );
}
