import { useState } from 'react';
import { campaignApi } from '../../api/clients';
import { problemText } from '../../api/problem';
import { Notice } from '../../ui/Field';
import type { BoardData } from './use-board';

type Campaign = { publishedAt?: string | null; schedule: { closeAfterSeconds?: number } };

/**
 * Why Start collaboration cannot be pressed yet, in the rule's own words (the campaign workflow
 * refuses with these), or null when it may be pressed. After the start the button stays: a second
 * press is the API's to refuse, and the page shows that refusal.
 */
export function notYetReason(campaign: Campaign, board: BoardData): string | null {
  if (board.collaborationStartedAt) return null;
  if (board.status === 'published') {
    const closesAt =
      campaign.publishedAt && campaign.schedule.closeAfterSeconds
        ? new Date(Date.parse(campaign.publishedAt) + campaign.schedule.closeAfterSeconds * 1000)
        : null;
    return `The campaign is open${closesAt ? ` until ${closesAt.toISOString()}` : ''}; start collaboration becomes available when it closes, or earlier if ops close it.`;
  }
  const selected = new Set(board.applicants.selected ?? []);
  if (!(board.agreements.accepted ?? []).some((id) => selected.has(id))) {
    return 'No selected influencer has signed an agreement yet; the group would be empty.';
  }
  return null;
}

/** The Start collaboration button: disabled with its reason until it may be pressed. */
export function StartCollaboration({
  campaignId,
  campaign,
  board,
  reload,
}: {
  campaignId: string;
  campaign: Campaign;
  board: BoardData;
  reload: () => Promise<void>;
}) {
  const [error, setError] = useState<string>();
  const [success, setSuccess] = useState<string>();
  const [busy, setBusy] = useState(false);
  const reason = notYetReason(campaign, board);
  return (
    <section aria-labelledby="start-title">
      <h2 id="start-title">Collaboration</h2>
      {board.collaborationStartedAt && (
        <p>
          Started at{' '}
          <time dateTime={board.collaborationStartedAt}>
            {new Date(board.collaborationStartedAt).toLocaleString()}
          </time>
          .
        </p>
      )}
      <button
        type="button"
        disabled={busy || reason !== null}
        aria-describedby={reason ? 'start-reason' : undefined}
        onClick={async () => {
          setBusy(true);
          const { error: refusal } = await campaignApi.POST(
            '/campaigns/{campaignId}/collaboration',
            { params: { path: { campaignId } } },
          );
          setBusy(false);
          if (refusal) {
            setSuccess(undefined);
            return setError(problemText(refusal));
          }
          setError(undefined);
          setSuccess('Collaboration started: the group is told, and their addresses are below.');
          await reload();
        }}
      >
        Start collaboration
      </button>
      {reason && (
        <p id="start-reason" className="hint">
          {reason}
        </p>
      )}
      <Notice error={error} success={success} />
    </section>
  );
}
