import { useEffect, useState } from 'react';
import { messagingApi } from '../../api/clients';
import { problemText } from '../../api/problem';
import { Link } from '../../app/router';
import { Layout } from '../../ui/Layout';

type Conversation = {
  id: string;
  campaignId: string | null;
  influencerId: string;
  createdAt: string;
};

/**
 * The brand's Messenger: a conversation with each influencer (opened by an invitation or by the
 * start of a collaboration), newest first, a page at a time. The group message is on the
 * campaign's page, beside its collaborators; customer success has its own page.
 */
export function Messenger() {
  const [items, setItems] = useState<Conversation[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string>();
  const page = async (cursor?: string) => {
    const { data, error: refusal } = await messagingApi.GET('/conversations', {
      params: { query: { limit: 20, ...(cursor ? { cursor } : {}) } },
    });
    setLoaded(true);
    if (!data) return setError(problemText(refusal));
    setItems((shown) => (cursor ? [...shown, ...data.items] : data.items));
    setNextCursor(data.nextCursor);
  };
  useEffect(() => void page(), []);
  return (
    <Layout title="Messages">
      <p>
        <Link to="/brand/support" className="button">
          Talk to customer success
        </Link>
      </p>
      {error && <p role="alert">{error}</p>}
      {loaded && !error && items.length === 0 && (
        <p>No conversation yet: invite from the Network, or start a collaboration.</p>
      )}
      <ul className="cards" aria-label="Conversations">
        {items.map((conversation) => (
          <li key={conversation.id} className="card">
            <h2>
              <Link to={`/brand/messages/${conversation.id}`}>{conversation.influencerId}</Link>
            </h2>
            <p className="meta">
              Since{' '}
              <time dateTime={conversation.createdAt}>
                {new Date(conversation.createdAt).toLocaleDateString()}
              </time>
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
