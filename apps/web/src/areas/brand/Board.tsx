import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState } from 'react';
import { campaignApi } from '../../api/clients';
import { problemText } from '../../api/problem';
import { Notice } from '../../ui/Field';
import type { BoardData } from './use-board';

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

type Column = 'pending' | 'selected' | 'declined';
const columns: Column[] = ['pending', 'selected', 'declined'];
const ROW_HEIGHT = 52;
const verbs: Record<Column, string> = {
  pending: 'Back to pending',
  selected: 'Select',
  declined: 'Decline',
};
/**
 * The brand's board: applicants pending / selected / declined, moved one by one or many at once;
 * the selected are sent agreements from here. Only the rows in view are in the page
 * (virtualised), so 5,000 applicants stay smooth. The campaign page loads the board (and asks
 * again every few seconds, so new applicants appear without a reload).
 */
export function Board({
  campaignId,
  board,
  reload,
}: {
  campaignId: string;
  board: BoardData | undefined;
  reload: () => Promise<void>;
}) {
  const [column, setColumn] = useState<Column>('pending');
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string>();
  const [success, setSuccess] = useState<string>();
  const [busy, setBusy] = useState(false);
  const applicants: Record<Column, string[]> | undefined = board && {
    pending: board.applicants.pending ?? [],
    selected: board.applicants.selected ?? [],
    declined: board.applicants.declined ?? [],
  };

  const rows = applicants?.[column] ?? [];
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  const move = async (influencerIds: string[], status: Column) => {
    setBusy(true);
    const { error: refusal } = await campaignApi.POST('/campaigns/{campaignId}/selection', {
      params: { path: { campaignId } },
      body: { influencerIds, status },
    });
    setBusy(false);
    if (refusal) return setError(problemText(refusal));
    setError(undefined);
    setSuccess(
      `${influencerIds.length === 1 ? influencerIds[0] : `${influencerIds.length} applicants`} moved to ${status}.`,
    );
    setChecked(new Set());
    await reload();
  };

  const sendAgreements = async (influencerIds: string[]) => {
    setBusy(true);
    const { error: refusal } = await campaignApi.POST('/campaigns/{campaignId}/agreements', {
      params: { path: { campaignId } },
      body: { influencerIds },
    });
    setBusy(false);
    if (refusal) return setError(problemText(refusal));
    setError(undefined);
    setSuccess(`Agreement sent to ${plural(influencerIds.length, 'influencer')}.`);
    setChecked(new Set());
    await reload();
  };

  const targets = columns.filter((c) => c !== column);
  const allChecked = rows.length > 0 && rows.every((id) => checked.has(id));
  return (
    <section aria-labelledby="board-title" className="board">
      <h2 id="board-title">Applicants</h2>
      <div className="columns" role="group" aria-label="Show applicants">
        {columns.map((c) => (
          <button
            key={c}
            type="button"
            aria-pressed={column === c}
            onClick={() => {
              setColumn(c);
              setChecked(new Set());
            }}
          >
            {c[0]?.toUpperCase() + c.slice(1)}{' '}
            <span className="count">{applicants?.[c].length ?? 0}</span>
          </button>
        ))}
      </div>
      <div className="bulk">
        <label>
          <input
            type="checkbox"
            checked={allChecked}
            disabled={rows.length === 0}
            onChange={() => setChecked(allChecked ? new Set() : new Set(rows))}
          />{' '}
          All {rows.length} {column}
        </label>
        {targets.map((target) => (
          <button
            key={target}
            type="button"
            disabled={busy || checked.size === 0}
            onClick={() => void move([...checked], target)}
          >
            Move {checked.size || ''} checked to {target}
          </button>
        ))}
        {column === 'selected' && (
          <button
            type="button"
            disabled={busy || checked.size === 0}
            onClick={() => void sendAgreements([...checked])}
          >
            Send agreement to {checked.size || ''} checked
          </button>
        )}
      </div>
      {applicants && rows.length === 0 && <p>Nobody is {column} yet.</p>}
      <div
        ref={scroller}
        className="board-rows"
        role="list"
        aria-label={`${column} applicants`}
        data-testid="board-rows"
      >
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((item) => {
            const id = rows[item.index] ?? '';
            return (
              <div
                key={id}
                role="listitem"
                className="board-row"
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              >
                <label className="who">
                  <input
                    type="checkbox"
                    checked={checked.has(id)}
                    onChange={() => {
                      const next = new Set(checked);
                      if (!next.delete(id)) next.add(id);
                      setChecked(next);
                    }}
                  />{' '}
                  {id}
                </label>
                {targets.map((target) => (
                  <button
                    key={target}
                    type="button"
                    disabled={busy}
                    onClick={() => void move([id], target)}
                  >
                    {verbs[target]}
                    <span className="visually-hidden"> {id}</span>
                  </button>
                ))}
              </div>
            );
          })}
        </div>
      </div>
      <Notice error={error} success={success} />
    </section>
  );
}
