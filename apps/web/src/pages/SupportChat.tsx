import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { messagingApi } from '../api/clients';
import { problemText } from '../api/problem';
import { currentIdentity } from '../app/session';
import { Thread, useThread } from '../ui/Thread';

/** No stream for support chats: the open conversation asks again every few seconds. */
const REFRESH_MS = 3_000;

export type SupportConversation = {
  id: string;
  requester:
    { role: 'brand'; brandId: string; userId: string } | { role: 'influencer'; userId: string };
  campaignId: string | null;
  state: 'open' | 'closed';
  assigneeId: string | null;
  awaitingReply: boolean;
  lastMessageAt: string;
};

/**
 * One support conversation, for its requester or for customer success: the messages (older ones a
 * page at a time), a box to write in while it is open; `actions` get the conversation (ops: take,
 * close) and a way to load it again.
 */
export function SupportChat({
  conversationId,
  actions,
}: {
  conversationId: string;
  actions?: (conversation: SupportConversation, reload: () => Promise<void>) => ReactNode;
}) {
  const { messages, add } = useThread();
  const [conversation, setConversation] = useState<SupportConversation>();
  const [olderCursor, setOlderCursor] = useState<string | null>();
  const [error, setError] = useState<string>();
  const load = useCallback(
    async (before?: string) => {
      const { data, error: refusal } = await messagingApi.GET(
        '/support/conversations/{supportConversationId}',
        {
          params: {
            path: { supportConversationId: conversationId },
            query: before ? { before, limit: 50 } : { limit: 50 },
          },
        },
      );
      if (!data) return setError(problemText(refusal));
      setError(undefined);
      add(data.messages);
      // Polling reloads the newest page: only a page further back moves the cursor back.
      setOlderCursor((seen) => (before || seen === undefined ? data.olderCursor : seen));
      setConversation(data);
    },
    [conversationId, add],
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
    <>
      {error && <p role="alert">{error}</p>}
      {conversation && (
        <>
          <p className="meta">
            <span className={`status status-${conversation.state}`}>{conversation.state}</span>
            {conversation.assigneeId
              ? ` · taken by ${conversation.assigneeId === currentIdentity()?.userId ? 'you' : conversation.assigneeId}`
              : ' · not taken yet'}
            {conversation.awaitingReply && conversation.state === 'open'
              ? ' · awaiting a reply'
              : ''}
          </p>
          {actions?.(conversation, () => load())}
          <Thread
            label="Support conversation"
            messages={messages}
            myId={currentIdentity()?.userId ?? ''}
            olderCursor={olderCursor}
            onOlder={() => olderCursor && void load(olderCursor)}
            closed={conversation.state === 'closed' ? 'This conversation is closed.' : undefined}
            send={async (body) => {
              const answer = await messagingApi.POST(
                '/support/conversations/{supportConversationId}/messages',
                { params: { path: { supportConversationId: conversationId } }, body: { body } },
              );
              if (answer.data) add([answer.data]);
              await load();
              return answer;
            }}
          />
        </>
      )}
    </>
  );
}
