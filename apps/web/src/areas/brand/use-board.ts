import { useCallback, useEffect, useRef, useState } from 'react';
import { campaignApi } from '../../api/clients';
import { followEventStream } from '../../api/event-stream';
import { problemText } from '../../api/problem';
import type { paths } from '../../api/generated/campaign';
import { sessionToken } from '../../app/session';

export type BoardData =
  paths['/campaigns/{campaignId}/board']['get']['responses'][200]['content']['application/json'];

/**
 * The board, kept current live: the campaign's changes stream (`/campaigns/{id}/changes`) says the
 * moment an influencer applies, an agreement is signed or the campaign closes, and the board is
 * fetched again (changes arriving together make one fetch). A slow poll stays as a safety net for
 * a stream that cannot connect. The board, the agreements and Start collaboration all read this
 * one answer.
 */
const SAFETY_NET_MS = 15_000;
/** Changes within this long of each other make one fetch of the board. */
const GATHER_MS = 150;
/** A board that could not be read is asked for again after this long. */
const RETRY_MS = 2_000;

export function useBoard(campaignId: string, enabled: boolean) {
  const [board, setBoard] = useState<BoardData>();
  const [error, setError] = useState<string>();
  const pending = useRef<ReturnType<typeof setTimeout>>(undefined);
  const reload = useCallback(async () => {
    const { data, error: refusal } = await campaignApi.GET('/campaigns/{campaignId}/board', {
      params: { path: { campaignId } },
    });
    if (data) {
      setBoard(data);
      setError(undefined);
    } else {
      setError(problemText(refusal));
      // Asked again shortly: a board refused while the publish is being recorded, or a
      // connection that failed, must not wait for the next change.
      clearTimeout(pending.current);
      pending.current = setTimeout(() => void reloadRef.current(), RETRY_MS);
    }
  }, [campaignId]);
  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  useEffect(() => {
    if (!enabled) return;
    void reload();
    const stop = new AbortController();
    void followEventStream({
      url: `/api/campaign/campaigns/${encodeURIComponent(campaignId)}/changes`,
      headers: (): Record<string, string> => {
        const token = sessionToken();
        return token ? { Authorization: `Bearer ${token}` } : {};
      },
      signal: stop.signal,
      onEvent: (event) => {
        // `ready` after a reconnect: whatever was missed is in the board fetched now.
        if (event.event !== 'change' && event.event !== 'ready') return;
        clearTimeout(pending.current);
        pending.current = setTimeout(() => void reload(), GATHER_MS);
      },
    });
    const timer = setInterval(
      () => document.visibilityState === 'visible' && void reload(),
      SAFETY_NET_MS,
    );
    return () => {
      stop.abort();
      clearInterval(timer);
      clearTimeout(pending.current);
    };
  }, [reload, enabled, campaignId]);
  return { board, error, reload };
}
